"""The other pages each role reaches: axe-core, and 200 % zoom without sideways scroll."""

import pytest
from playwright.sync_api import expect

from arenden.models import Arende, Status
from kunskapsbank.models import Kunskapsartikel, Malgrupp

pytestmark = pytest.mark.django_db(transaction=True)

# WCAG 1.4.10 (reflow): 1280 CSS px at 200 % zoom is a 640 px wide viewport.
ZOOM_200 = {"width": 640, "height": 800}


def oppet_arende() -> str:
    return Arende.objects.exclude(status=Status.AVSLUTAD).order_by("pk").first().nummer


def publik_artikel() -> int:
    return Kunskapsartikel.objects.filter(malgrupp=Malgrupp.PUBLIK).order_by("pk").first().pk


def test_inloggningen(sida, demo, axe, skarmbild):
    """The login page, and its error message after a wrong password, pass axe."""
    sida.goto("/logga-in/")
    axe(sida, "inloggningen")
    skarmbild(sida, "00-inloggning")
    sida.get_by_label("Användarnamn").fill("vagledare")
    sida.get_by_label("Lösenord").fill("fel-losenord")
    sida.keyboard.press("Enter")
    expect(sida.get_by_role("alert")).to_contain_text("stämmer inte")
    axe(sida, "inloggningen med felmeddelande")


def test_ovriga_sidor_per_roll(sida, logga_in, axe, skarmbild):
    """No serious or critical axe finding on the pages each role reaches from its menu."""
    artikel = Kunskapsartikel.objects.order_by("pk").first().pk
    sidor = {
        "vagledare": [
            "/arenden/nytt/", "/besok/", "/brev/", "/epost/triage/", "/paminnelser/",
            "/kunskapsbank/granska/", "/kunskapsbank/artiklar/", "/kunskapsbank/artiklar/ny/",
            f"/kunskapsbank/artiklar/{artikel}/", f"/kunskapsbank/artiklar/{artikel}/versioner/",
        ],
        "teamledare": ["/platina/", "/kunskapsbank/luckor/"],
    }  # fmt: skip
    for anvandarnamn, adresser in sidor.items():
        sida.context.clear_cookies()
        logga_in(anvandarnamn)
        for adress in adresser:
            svar = sida.goto(adress)
            assert svar.status == 200, adress
            axe(sida, adress)
            if adress == f"/kunskapsbank/artiklar/{artikel}/":
                skarmbild(sida, "02-kunskapsartikel")
        if anvandarnamn == "vagledare":
            # A page outside the role: a Swedish answer, not a bare "403 Forbidden".
            svar = sida.goto("/kunskapsbank/luckor/")
            assert svar.status == 403
            expect(sida.locator("h1")).to_have_text("Du saknar behörighet")
            axe(sida, "du saknar behörighet")


@pytest.mark.parametrize("anvandarnamn", ["teamledare"])
def test_200_procent_zoom_utan_sidledes_rullning(chromium, live_server, demo, anvandarnamn):
    """At 200 % zoom the key pages reflow: nothing makes the page scroll sideways.

    Wide tables scroll inside their own focusable region, which WCAG 1.4.10 allows.
    """
    ctx = chromium.new_context(
        viewport=ZOOM_200, device_scale_factor=2, locale="sv-SE", base_url=live_server.url
    )
    try:
        sida = ctx.new_page()
        for adress in ("/kontakta-oss/", "/fragor/", f"/fragor/{publik_artikel()}/", "/logga-in/"):
            sida.goto(adress)
            assert bredare_an_fonstret(sida) == [], adress
        sida.get_by_label("Användarnamn").fill(anvandarnamn)
        sida.get_by_label("Lösenord").fill("kontaktcenter-demo")
        sida.keyboard.press("Enter")
        expect(sida.locator(".anvandare")).to_be_visible()
        for adress in (
            "/", f"/arenden/{oppet_arende()}/", "/telefon/", "/statistik/?forval=i_ar",
            "/kunskapsbank/artiklar/", "/paminnelser/", "/platina/",
        ):  # fmt: skip
            sida.goto(adress)
            assert bredare_an_fonstret(sida) == [], adress
        # An open menu group opens in place, not off the right edge.
        sida.get_by_role("button", name="Administration").click()
        expect(sida.locator("#meny-administration")).to_be_visible()
        assert bredare_an_fonstret(sida) == []
        sida.screenshot(path=str(_artefakt("11-zoom-200-procent")))
    finally:
        ctx.close()


def bredare_an_fonstret(sida) -> list[str]:
    """Return what sticks out to the right of the window (empty when the page reflows)."""
    return sida.evaluate(
        """() => {
          const bredd = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= bredd) return [];
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > bredd + 1)
            .filter(e => !e.closest('.tabellrulle, .honung, .hoppa, .visuellt-dold'))
            .slice(0, 8)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                 + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                 + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
        }"""
    )


def _artefakt(namn: str):
    from tests.webblasare.conftest import ARTEFAKTER

    ARTEFAKTER.mkdir(parents=True, exist_ok=True)
    return ARTEFAKTER / f"{namn}.png"
