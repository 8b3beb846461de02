"""A citizen writes through the public contact form and follows the ärende on its status page."""

import uuid

import pytest
from playwright.sync_api import expect

from arenden.models import Arende, Kanal
from servicematning import services as servicematning
from servicematning.models import Svar

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def formularet(settings):
    """No minimum fill time (the test types fast) and no hourly limit for the test's address."""
    settings.KONTAKTCENTER_ETJANST = {"MIN_FYLLTID_SEKUNDER": 0, "MAX_PER_TIMME": 10_000}


def test_kontaktformular_och_statussida(sida, demo, formularet, axe, skarmbild, live_server):
    """The form is sent with the keyboard; the status page shows the number and takes more."""
    epost = f"medborgare-{uuid.uuid4().hex[:8]}@example.se"
    sida.goto("/fragor/")
    expect(sida.locator("h1")).to_have_text("Vanliga frågor")
    axe(sida, "vanliga frågor")
    sida.get_by_label("Sök bland frågorna").fill("bygglov")
    expect(sida.locator("#fragor-resultat")).to_contain_text("bygglov")
    axe(sida, "vanliga frågor, sökresultat")
    skarmbild(sida, "08-vanliga-fragor")

    # when: the citizen fills the form, Tab by Tab.
    sida.get_by_role("link", name="Kontakta oss").first.click()
    expect(sida.locator("h1")).to_have_text("Kontakta oss")
    axe(sida, "kontaktformuläret")
    sida.get_by_label("Vad gäller det?").focus()
    sida.keyboard.press("Tab")
    sida.keyboard.type("Trasig lekplats")
    sida.keyboard.press("Tab")
    sida.keyboard.type(
        "Gungan på lekplatsen vid Parkvägen har en trasig kedja. Barnen leker där varje dag."
    )
    for falt, varde in (("Namn", "Lena Ström"), ("E-post", epost)):
        sida.keyboard.press("Tab")
        expect(sida.get_by_label(falt, exact=True)).to_be_focused()
        sida.keyboard.type(varde)
    skarmbild(sida, "09-kontaktformular")
    sida.get_by_role("button", name="Skicka").focus()
    sida.keyboard.press("Enter")

    # then: the status page, with the number and a thank-you.
    expect(sida.locator("h1")).to_contain_text("Ärende ")
    arende = Arende.objects.get(kontakt__epost=epost)
    assert arende.kanal == Kanal.ETJANST
    expect(sida.locator("h1")).to_have_text(f"Ärende {arende.nummer}")
    expect(sida.locator("#meddelanden")).to_contain_text(arende.nummer)
    axe(sida, "statussidan")
    skarmbild(sida, "10-statussida")

    # when: the citizen adds something on the status page.
    sida.get_by_label("Det du vill lägga till").fill("Kedjan hänger nu helt lös.")
    sida.get_by_role("button", name="Skicka").click()

    # then
    expect(sida.locator("#meddelanden")).to_contain_text("har lagts till")
    assert arende.meddelanden.filter(text__contains="hänger nu helt lös").exists()
    axe(sida, "statussidan efter tillägg")

    # A wrong link gives a page in Swedish, with a way on.
    svar = sida.goto("/arende/finns-inte-0123456789/")
    assert svar.status == 404
    expect(sida.locator("h1")).to_have_text("Sidan finns inte")
    expect(sida.get_by_role("link", name="kontaktformuläret")).to_be_visible()
    axe(sida, "sidan finns inte")


def test_enkaten_med_tangentbordet(sida, demo, axe, skarmbild):
    """The survey link opens a public page; arrows pick grades, Tab moves on, Enter sends."""
    arende = Arende.objects.filter(kanal=Kanal.TELEFON).order_by("pk").first()
    enkat = servicematning.enkat_skapa(arende=arende)

    sida.goto(f"/enkat/{enkat.token}/")
    expect(sida.locator("h1")).to_have_text("Vad tyckte du om kontakten med oss?")
    axe(sida, "enkäten")
    # when: Tab into each question's radio group, arrow keys to the grade, Enter sends.
    for _ in range(3):
        sida.keyboard.press("Tab")
        while not sida.evaluate("document.activeElement.type === 'radio'"):
            sida.keyboard.press("Tab")
        for _ in range(3):
            sida.keyboard.press("ArrowDown")
    valda = sida.eval_on_selector_all(
        "input[type=radio]:checked", "rs => Object.fromEntries(rs.map(r => [r.name, +r.value]))"
    )
    assert len(valda) == 3
    skarmbild(sida, "12-enkat")
    sida.keyboard.press("Enter")

    # then
    expect(sida.get_by_role("status").last).to_contain_text("Tack för dina svar")
    assert dict(Svar.objects.filter(enkat=enkat).values_list("matt", "betyg")) == valda
    axe(sida, "enkäten, tack")
