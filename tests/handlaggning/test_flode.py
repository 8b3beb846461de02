"""Escalation, the handläggare's inbox and answer, återlämning and parking, through HTTP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenden import services, tasks
from arenden.models import Arende, Handelse, Status
from tests.factories import ArendeFactory


@pytest.fixture
def eskalerat(
    api_client,
    vagledare,
    handlaggare_b,
    forvaltning_b,
    kategori_diarieford,
    django_capture_on_commit_callbacks,
):
    """Return a factory: an ärende the vägledare escalated to handläggare B (no diarieföring)."""

    def gor(**arende) -> Arende:
        a = ArendeFactory(av=vagledare, kategori=kategori_diarieford, **arende)
        with django_capture_on_commit_callbacks():
            svar = api_client(vagledare).post(
                f"/api/v1/arenden/{a.nummer}/eskalera/",
                {
                    "forvaltning": forvaltning_b.pk,
                    "handlaggare": handlaggare_b.username,
                    "orsak": "Kontaktcenter har samlat in underlagen.",
                    "rosa": 6,
                    "diariefor": False,
                },
                format="json",
            )
        assert svar.status_code == 200, svar.content
        a.refresh_from_db()
        return a

    return gor


def test_eskalering_visar_vem_som_har_arendet(api_client, vagledare, handlaggare_b, eskalerat):
    """After escalation the ärende is the förvaltning's and shows its handläggare."""
    arende = eskalerat()
    data = api_client(vagledare).get(f"/api/v1/arenden/{arende.nummer}/").json()
    assert data["status"] == Status.ESKALERAD
    assert arende.tilldelad == handlaggare_b
    assert arende.rosa == 6


def test_handlaggarens_inkorg_sorteras_pa_svar_senast(client, handlaggare_b, eskalerat):
    """The handläggare's inbox lists the most urgent ärende first by default."""
    nu = timezone.now()
    senare = eskalerat(inkom=nu - timedelta(hours=1))
    brattom = eskalerat(inkom=nu - timedelta(days=10))
    client.force_login(handlaggare_b)
    html = client.get("/").content.decode()
    assert html.index(brattom.nummer) < html.index(senare.nummer)
    # An explicit order still wins.
    html = client.get("/?ordning=-inkom").content.decode()
    assert html.index(senare.nummer) < html.index(brattom.nummer)


def test_handlaggaren_svarar_medborgaren_direkt(api_client, handlaggare_b, eskalerat):
    """The handläggare answers through the ärende's channel; the answer is in the timeline."""
    arende = eskalerat()
    svar = api_client(handlaggare_b).post(
        f"/api/v1/arenden/{arende.nummer}/svara/",
        {"text": "Din ansökan är beviljad.", "version": arende.version},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    arende.refresh_from_db()
    assert arende.handelser.filter(typ=Handelse.Typ.SVAR, aktor=handlaggare_b).exists()


def test_aterlamna_till_kontaktcenter(api_client, vagledare, handlaggare_b, eskalerat):
    """An internal answer goes back to the vägledare who escalated; he then answers."""
    arende = eskalerat()
    svar = api_client(handlaggare_b).post(
        f"/api/v1/arenden/{arende.nummer}/aterlamna/",
        {"text": "Ansökan kan beviljas; meddela sökanden.", "version": arende.version},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    arende.refresh_from_db()
    assert arende.status == Status.PAGAENDE
    assert arende.tilldelad == vagledare
    handelse = arende.handelser.get(typ=Handelse.Typ.ATERLAMNAT)
    assert handelse.aktor == handlaggare_b
    assert handelse.data["text"] == "Ansökan kan beviljas; meddela sökanden."
    # No message to the citizen: the answer is internal.
    assert not arende.meddelanden.exists()
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/",
        {"text": "Din ansökan beviljas.", "version": arende.version},
        format="json",
    )
    assert svar.status_code == 200, svar.content


def test_vagledaren_kan_inte_aterlamna(api_client, vagledare, eskalerat):
    """Återlämning is the handläggare's action."""
    arende = eskalerat()
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/aterlamna/", {"text": "x"}, format="json"
    )
    assert svar.status_code == 403


def test_aterlamna_fran_arendesidan_med_htmx(client, handlaggare_b, eskalerat):
    """The ärende page offers återlämning to the handläggare and the fragment shows it."""
    arende = eskalerat()
    client.force_login(handlaggare_b)
    sida = client.get(f"/arenden/{arende.nummer}/").content.decode()
    assert "Återlämna till kontaktcenter" in sida
    svar = client.post(
        f"/arenden/{arende.nummer}/aterlamna/",
        {"text": "Se beslutet i bilagan.", "version": arende.version},
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 200
    assert "Se beslutet i bilagan." in svar.content.decode()


def test_parkera_till_datum_och_vakna(api_client, handlaggare_b, eskalerat):
    """A parked ärende keeps its due time and is back in its status on the date."""
    arende = eskalerat()
    svar_senast = arende.svar_senast
    imorgon = timezone.localdate() + timedelta(days=1)
    svar = api_client(handlaggare_b).post(
        f"/api/v1/arenden/{arende.nummer}/parkera/",
        {"till": imorgon.isoformat(), "orsak": "Väntar på yttrande.", "version": arende.version},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    arende.refresh_from_db()
    assert arende.status == Status.PARKERAD
    assert arende.parkerad_till == imorgon
    assert arende.svar_senast == svar_senast
    # Nothing wakes before the date; on the date the beat task takes it back.
    assert tasks.arenden_avparkera.apply().get() == 0
    assert services.arenden_avparkera(idag=imorgon) == [arende.nummer]
    arende.refresh_from_db()
    assert arende.status == Status.ESKALERAD
    assert arende.parkerad_till is None
    assert arende.handelser.filter(typ=Handelse.Typ.PARKERING_SLUT).count() == 1


def test_parkera_bakat_i_tiden_avvisas(api_client, handlaggare_b, eskalerat):
    """Parking needs a date after today."""
    arende = eskalerat()
    svar = api_client(handlaggare_b).post(
        f"/api/v1/arenden/{arende.nummer}/parkera/",
        {"till": timezone.localdate().isoformat()},
        format="json",
    )
    assert svar.status_code == 400
    assert svar.json()["code"] == "parkera_datum"
