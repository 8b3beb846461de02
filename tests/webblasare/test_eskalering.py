"""An ärende escalated by the kommunvägledare and answered by the förvaltning's handläggare."""

import pytest
from playwright.sync_api import expect

from arenden import services
from arenden.models import Arende, Handelse, Kanal, Kategori, Meddelande, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bygglovsfraga(demo):
    """A fresh e-mailed question about bygglov, nobody's yet."""
    kontakt = services.kontakt_hitta_eller_skapa(
        namn="Maria Johansson", epost="maria.johansson@example.se", telefon="070-123 45 67"
    )
    return services.arende_skapa(
        rubrik="Behöver jag bygglov för ett växthus på 20 kvadratmeter?",
        beskrivning="Hej! Vi vill bygga ett växthus i trädgården på Björkvägen 12. "
        "Behöver vi söka bygglov, och hur lång tid tar det i så fall?",
        kanal=Kanal.EPOST,
        av=None,
        kontakt=kontakt,
        kategori=Kategori.objects.filter(forvaltning__namn="Samhällsbyggnad").first(),
    )


def test_eskalera_och_besvara_som_handlaggare(
    sida, logga_in, axe, skarmbild, bygglovsfraga, live_server
):
    """The vägledare escalates to Samhällsbyggnad; its handläggare finds and answers it."""
    nummer = bygglovsfraga.nummer

    # given: the vägledare on the ärende page.
    logga_in("vagledare")
    sida.goto(f"/arenden/{nummer}/")
    expect(sida.locator("h1")).to_contain_text(nummer)
    axe(sida, "ärendesidan (vägledare)")
    skarmbild(sida, "04-arende")

    # when: she escalates it to the förvaltning's handläggare.
    sida.locator("#eskalera > summary").click()
    sida.get_by_label("Förvaltning", exact=True).select_option(label="Samhällsbyggnad")
    sida.get_by_label("Handläggare (valfritt)").select_option(label="Johan Bergström")
    sida.get_by_label("Varför, och vad som redan är gjort").fill(
        "Växthus över 15 kvm kräver ofta bygglov; kontakten vill ha besked om detaljplanen."
    )
    axe(sida, "ärendesidan med eskaleringsformuläret öppet")
    sida.get_by_role("button", name="Eskalera", exact=True).click()

    # then
    expect(sida.locator("#arende .status")).to_have_text("Eskalerad")
    assert Arende.objects.get(nummer=nummer).status == Status.ESKALERAD

    # when: the handläggare logs in; the ärende is in his inbox.
    sida.context.clear_cookies()
    logga_in("handlaggare")
    expect(sida.locator("h1")).to_have_text("Eskalerade ärenden")
    rad = sida.locator("#rader tr", has=sida.get_by_role("link", name=nummer))
    expect(rad).to_contain_text("Eskalerad")
    axe(sida, "handläggarens inkorg")
    skarmbild(sida, "05-handlaggare-inkorg")
    rad.get_by_role("link", name=nummer).click()
    # On a desktop the ärende opens beside his list.
    expect(sida.locator("#arendepanel #arende-rubrik")).to_contain_text(nummer)
    axe(sida, "ärendesidan (handläggare)")

    # and answers the contact.
    # The handläggare's one form (answer the citizen, or hand back) is open from the start.
    expect(sida.locator("#svara")).to_have_attribute("open", "")
    sida.locator("#svar-text").fill(
        "Hej Maria! Ett växthus på 20 kvm kräver bygglov enligt detaljplanen för Björkvägen. "
        "Ansök via e-tjänsten; handläggningstiden är högst tio veckor."
    )
    skarmbild(sida, "06-handlaggare-svar")
    sida.get_by_role("button", name="Skicka svaret till medborgaren").click()

    # then: answered, the reply is on the ärende and in its timeline.
    expect(sida.locator("#arende .status")).to_have_text("Besvarad")
    expect(sida.locator("#arende")).to_contain_text("Ett växthus på 20 kvm kräver bygglov")
    arende = Arende.objects.get(nummer=nummer)
    assert arende.status == Status.BESVARAD
    assert Meddelande.objects.filter(arende=arende, riktning="ut").count() == 1
    assert arende.handelser.filter(typ=Handelse.Typ.ESKALERAT).exists()
    axe(sida, "ärendesidan efter svaret")
