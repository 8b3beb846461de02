"""The operations view: registrations by state, försök igen, markera som registrerad manuellt."""

import pytest

from arenden import services as arende_services
from arenden.models import Handelse
from platina_bridge.models import PlatinaRegistrering, Tillstand
from tests.factories import ArendeFactory


@pytest.fixture
def registrering(vagledare, forvaltning_b, kategori_diarieford, django_capture_on_commit_callbacks):
    """A registration Platina refused, waiting for a registrator."""
    arende = ArendeFactory(av=vagledare, kategori=kategori_diarieford)
    with django_capture_on_commit_callbacks():
        arende_services.arende_eskalera(
            arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak="Handläggning."
        )
    rad = PlatinaRegistrering.objects.get(arende=arende)
    rad.tillstand = Tillstand.KRAVER_ATGARD
    rad.senaste_fel = "Platina avvisade registreringen: confidentialParagraphs krävs."
    rad.save()
    return rad


def test_listan_visar_fel_per_tillstand(
    client, teamledare, registrering, django_assert_max_num_queries
):
    """A teamledare sees the refused registration with Platina's message and the counts."""
    client.force_login(teamledare)
    with django_assert_max_num_queries(12):
        svar = client.get("/platina/?tillstand=kraver_atgard")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert registrering.arende.nummer in html
    assert "confidentialParagraphs krävs" in html
    assert "Misslyckad – kräver åtgärd (1)" in html


def test_htmx_ger_bara_listan(client, administrator, registrering):
    """With HX-Request the state tab swaps only the list."""
    client.force_login(administrator)
    svar = client.get("/platina/?tillstand=registrerad", headers={"HX-Request": "true"})
    html = svar.content.decode()
    assert html.lstrip().startswith('<section id="lista"')
    assert "Inga registreringar" in html


@pytest.mark.parametrize("anvandare", ["vagledare", "handlaggare_b"])
def test_andra_roller_nekas(client, request, registrering, anvandare):
    """Kommunvägledare and handläggare do not reach the operations view."""
    client.force_login(request.getfixturevalue(anvandare))
    assert client.get("/platina/").status_code == 403
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": "KS 2026/9"})
    assert svar.status_code == 403


def test_forsok_igen_koar_raden(
    client, teamledare, registrering, django_capture_on_commit_callbacks
):
    """'Försök igen' puts the row back in the queue and sends it after commit."""
    client.force_login(teamledare)
    with django_capture_on_commit_callbacks() as efter_commit:
        svar = client.post(
            f"/platina/{registrering.pk}/forsok-igen/", {"tillstand": "kraver_atgard"}
        )
    assert svar.status_code == 302
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.KOAD
    assert len(efter_commit) == 1


def test_markera_manuellt_sparar_diarienumret_och_loggar(client, administrator, registrering):
    """A number typed in lands on the ärende and in its timeline with who did it."""
    client.force_login(administrator)
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": " KS 2026/77 "})
    assert svar.status_code == 302
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.diarienummer == "KS 2026/77"
    assert registrering.manuellt_av == administrator
    arende = registrering.arende
    arende.refresh_from_db()
    assert arende.diarienummer == "KS 2026/77"
    handelse = arende.handelser.get(typ=Handelse.Typ.DIARIEFORT)
    assert handelse.aktor == administrator
    assert handelse.data == {"diarienummer": "KS 2026/77", "manuellt": True}
    sida = client.get(f"/arenden/{arende.nummer}/").content.decode()
    assert "KS 2026/77" in sida


def test_markera_manuellt_kraver_diarienummer(client, teamledare, registrering):
    """Without a number nothing changes and the Swedish message is shown."""
    client.force_login(teamledare)
    svar = client.post(f"/platina/{registrering.pk}/manuellt/", {"diarienummer": ""}, follow=True)
    assert "Skriv in diarienumret" in svar.content.decode()
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.KRAVER_ATGARD
