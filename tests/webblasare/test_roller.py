"""Each role logs in and sees a menu of what it may use, grouped, and operable by keyboard."""

import pytest
from playwright.sync_api import expect

from arenden.demodata.anvandare import DEMOLOSENORD

pytestmark = pytest.mark.django_db(transaction=True)

KUNSKAPSBANK = [
    "Alla artiklar",
    "Ny artikel",
    "Att granska",
    "Vanliga frågor (publik sida)",
    "Svarsmallar",
]

# What the main menu offers each demo user: top-level entries, and each group's links.
MENYER = {
    "vagledare": {
        "Arbetskö": None,
        "E-post": None,
        "Registrera": ["Samtal n", "Besök", "Brev", "Annat ärende"],
        "Sök person": None,
        "Påminnelser": None,
        "Kunskapsbank": KUNSKAPSBANK,
    },
    "handlaggare": {
        "Arbetskö": None,
        "Sök person": None,
        "Påminnelser": None,
        "Kunskapsbank": KUNSKAPSBANK,
    },
    "teamledare": {
        "Arbetskö": None,
        "E-post": None,
        "Registrera": ["Samtal n", "Besök", "Brev", "Annat ärende"],
        "Sök person": None,
        "Påminnelser": None,
        "Kunskapsbank": [
            "Alla artiklar", "Ny artikel", "Att granska", "Kunskapsluckor",
            "Vanliga frågor (publik sida)", "Svarsmallar",
        ],
        "Statistik": None,
        "Administration": ["Diarieföring i Platina"],
    },
    "admin": {
        "Arbetskö": None,
        "E-post": None,
        "Registrera": ["Samtal n", "Besök", "Brev", "Annat ärende"],
        "Sök person": None,
        "Påminnelser": None,
        "Kunskapsbank": [
            "Alla artiklar", "Ny artikel", "Att granska", "Kunskapsluckor",
            "Vanliga frågor (publik sida)", "Svarsmallar",
        ],
        "Statistik": None,
        "Administration": ["Diarieföring i Platina", "Personuppgifter", "Användare och register"],
    },
}  # fmt: skip


def meny_som_den_ar(sida) -> dict:
    """Read the main menu: each top entry's text, and for a group the texts of its links."""
    return sida.evaluate(
        """() => {
          const ut = {};
          for (const li of document.querySelectorAll('nav.huvudmeny > ul.meny > li')) {
            const knapp = li.querySelector(':scope > button');
            if (knapp) {
              const lista = document.getElementById(knapp.getAttribute('aria-controls'));
              ut[knapp.textContent.trim()] = [...lista.querySelectorAll('a')]
                .map(a => a.textContent.replace(/\\s+/g, ' ').trim());
            } else {
              ut[li.textContent.trim()] = null;
            }
          }
          return ut;
        }"""
    )


def test_varje_roll_ser_bara_det_den_far_anvanda(sida, logga_in, axe, skarmbild):
    """Each role's menu lists exactly its pages, and every link in it opens (no 403)."""
    for anvandarnamn, meny in MENYER.items():
        sida.context.clear_cookies()
        logga_in(anvandarnamn)

        assert meny_som_den_ar(sida) == meny, anvandarnamn
        lankar = sida.eval_on_selector_all(
            "nav.huvudmeny a", "as => as.map(a => a.getAttribute('href'))"
        )
        for lank in lankar:
            svar = sida.request.get(lank)
            assert svar.status == 200, (anvandarnamn, lank, svar.status)
        axe(sida, f"arbetskön ({anvandarnamn})")
        if anvandarnamn == "vagledare":
            skarmbild(sida, "01-arbetsko")
            # Scrolled down a long queue, its header row stays at the top of the window.
            sida.evaluate("window.scrollTo(0, 1500)")
            assert (
                sida.evaluate(
                    "Math.round(document.querySelector('.ko thead th').getBoundingClientRect().top)"
                )
                == 0
            )


def test_menyn_oppnas_och_stangs_med_tangentbordet(sida, logga_in, axe, live_server):
    """Skip link first; Enter opens a group (aria-expanded), Escape closes it, focus returns."""
    logga_in("vagledare")
    knapp = sida.get_by_role("button", name="Registrera")
    # The first Tab shows the skip link; Enter on it moves focus to the main content.
    sida.keyboard.press("Tab")
    hoppa = sida.get_by_role("link", name="Hoppa till innehållet")
    expect(hoppa).to_be_focused()
    expect(hoppa).to_be_in_viewport()
    sida.keyboard.press("Enter")
    expect(sida.locator("main#innehall")).to_be_focused()
    sida.reload()
    lista = sida.locator("#meny-registrera")
    expect(knapp).to_have_attribute("aria-expanded", "false")
    expect(lista).to_be_hidden()

    # when: Tab from the skip link through the menu to the group's button, then Enter.
    sida.keyboard.press("Tab")
    expect(sida.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    for _ in range(10):
        sida.keyboard.press("Tab")
        if knapp.evaluate("k => k === document.activeElement"):
            break
    expect(knapp).to_be_focused()
    # The focused button shows a visible focus ring.
    assert knapp.evaluate("k => getComputedStyle(k).outlineStyle") == "solid"
    sida.keyboard.press("Enter")

    # then: open, and its links are next in the tab order.
    expect(knapp).to_have_attribute("aria-expanded", "true")
    expect(lista).to_be_visible()
    axe(sida, "arbetskön med menyn Registrera öppen")
    sida.keyboard.press("Tab")
    expect(sida.get_by_role("link", name="Samtal")).to_be_focused()

    # Escape closes it and puts focus back on the button.
    sida.keyboard.press("Escape")
    expect(lista).to_be_hidden()
    expect(knapp).to_have_attribute("aria-expanded", "false")
    expect(knapp).to_be_focused()

    # Space opens it again; Tab past its last link closes it.
    sida.keyboard.press(" ")
    expect(lista).to_be_visible()
    for _ in range(5):
        sida.keyboard.press("Tab")
    expect(lista).to_be_hidden()

    # Arrow down opens the group at its first link; Enter follows it.
    sida.get_by_role("button", name="Kunskapsbank").focus()
    sida.keyboard.press("ArrowDown")
    expect(sida.get_by_role("link", name="Alla artiklar")).to_be_focused()
    sida.keyboard.press("Enter")
    expect(sida).to_have_url(f"{live_server.url}/kunskapsbank/artiklar/")
    expect(sida.get_by_role("button", name="Kunskapsbank")).to_have_class("meny-knapp aktiv")
    axe(sida, "kunskapsbankens artiklar")


def test_sidorna_har_landmarken_sprak_och_titel(sida, logga_in):
    """Each page: lang="sv", a title of its own, one h1, and header, nav, main, footer."""
    logga_in("teamledare")
    titlar = set()
    for adress in ("/", "/telefon/", "/kunskapsbank/artiklar/", "/statistik/", "/fragor/"):
        sida.goto(adress)
        assert sida.locator("html").get_attribute("lang") == "sv", adress
        titlar.add(sida.title())
        expect(sida.locator("h1")).to_have_count(1)
        for landmark in ("banner", "navigation", "main", "contentinfo"):
            expect(sida.get_by_role(landmark).first).to_be_attached()
    assert len(titlar) == 5


def test_menyn_utan_javascript(chromium, live_server, demo):
    """With JavaScript off the groups' links are shown, so every page is still reachable."""
    kontext = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        sida = kontext.new_page()
        sida.goto("/logga-in/")
        sida.get_by_label("Användarnamn").fill("vagledare")
        sida.get_by_label("Lösenord").fill(DEMOLOSENORD)
        sida.get_by_role("button", name="Logga in").click()
        expect(sida.locator(".anvandare")).to_be_visible()
        for namn in ("Samtal", "Besök", "Brev", "Alla artiklar", "Att granska"):
            expect(sida.locator("nav.huvudmeny").get_by_role("link", name=namn)).to_be_visible()
        sida.locator("nav.huvudmeny").get_by_role("link", name="Samtal").click()
        expect(sida.locator("h1")).to_have_text("Registrera samtal")
    finally:
        kontext.close()
