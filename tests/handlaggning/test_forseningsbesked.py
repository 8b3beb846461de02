"""Förseningsbesked (förvaltningslagen 11 §): the citizen is told why, nothing is answered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenden.models import Arende, Handelse, Meddelande, Status
from tests.factories import ArendeFactory


@pytest.fixture
def forsenat(vagledare, handlaggare_b, forvaltning_b, kategori_diarieford, api_client):
    """An ärende escalated to handläggare B whose due time passed an hour ago."""
    arende = ArendeFactory(av=vagledare, kategori=kategori_diarieford)
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/eskalera/",
        {
            "forvaltning": forvaltning_b.pk,
            "handlaggare": handlaggare_b.username,
            "orsak": "Bygglovsfråga.",
            "diariefor": False,
        },
        format="json",
    )
    assert svar.status_code == 200, svar.content
    Arende.objects.filter(pk=arende.pk).update(svar_senast=timezone.now() - timedelta(hours=1))
    arende.refresh_from_db()
    return arende


def _skicka(client, arende, **data):
    return client.post(
        f"/arenden/{arende.nummer}/forseningsbesked/",
        {"version": arende.version, **data},
        headers={"HX-Request": "true"},
    )


def test_handlaggaren_skickar_besked_utan_att_arendet_blir_besvarat(
    client, handlaggare_b, forsenat
):
    """The besked goes to the citizen and into the timeline; status and due time stay."""
    # given
    svar_senast = forsenat.svar_senast
    dag = timezone.localdate() + timedelta(days=14)
    client.force_login(handlaggare_b)
    html = client.get(f"/arenden/{forsenat.nummer}/").content.decode()
    assert "Skicka förseningsbesked" in html
    # when
    svar = _skicka(
        client,
        forsenat,
        orsak="Vi väntar på ett yttrande från Trafikverket.",
        ny_svarsdag=dag.isoformat(),
    )
    # then
    assert svar.status_code == 200, svar.content
    forsenat.refresh_from_db()
    assert forsenat.status == Status.ESKALERAD
    assert forsenat.besvarad is None and forsenat.forsta_svar is None
    assert forsenat.svar_senast == svar_senast
    meddelande = forsenat.meddelanden.get(riktning=Meddelande.Riktning.UT)
    assert "Vi väntar på ett yttrande från Trafikverket." in meddelande.text
    assert dag.isoformat() in meddelande.text
    assert forsenat.nummer in meddelande.text
    handelse = forsenat.handelser.get(typ=Handelse.Typ.FORSENINGSBESKED)
    assert handelse.aktor == handlaggare_b
    assert handelse.data["meddelande_id"] == meddelande.pk
    html = svar.content.decode()
    assert "Förseningsbesked" in html
    assert f"svar kan väntas senast {dag.isoformat()}" in html


def test_teamledarens_lista_visar_om_besked_skickats(client, teamledare, handlaggare_b, forsenat):
    """The delayed list says "Inte skickat" until a besked is sent, then when it was."""
    client.force_login(teamledare)
    html = client.get("/paminnelser/").content.decode()
    assert f">{forsenat.nummer}</a>" in html
    assert "Inte skickat" in html
    client.force_login(handlaggare_b)
    dag = timezone.localdate() + timedelta(days=7)
    svar = _skicka(client, forsenat, orsak="Hög arbetsbelastning.", ny_svarsdag=dag.isoformat())
    assert svar.status_code == 200
    client.force_login(teamledare)
    html = client.get("/paminnelser/").content.decode()
    assert "Inte skickat" not in html
    assert "Skickat" in html


@pytest.mark.parametrize(
    ("orsak", "dagar", "fel"),
    [
        ("", 7, "orsak"),
        ("Semester.", -1, "Dagen då svar kan väntas har redan passerat."),
    ],
)
def test_besked_kraver_orsak_och_kommande_dag(client, handlaggare_b, forsenat, orsak, dagar, fel):
    """A besked without a reason, or promising a day already past, is refused."""
    client.force_login(handlaggare_b)
    dag = timezone.localdate() + timedelta(days=dagar)
    svar = _skicka(client, forsenat, orsak=orsak, ny_svarsdag=dag.isoformat())
    assert fel in svar.content.decode()
    assert not forsenat.handelser.filter(typ=Handelse.Typ.FORSENINGSBESKED).exists()
    assert not forsenat.meddelanden.filter(riktning=Meddelande.Riktning.UT).exists()


def test_besked_via_api_och_inte_pa_avslutat_arende(api_client, vagledare):
    """The API takes the action too; a closed ärende has nobody left waiting."""
    arende = ArendeFactory(av=vagledare)
    dag = (timezone.localdate() + timedelta(days=3)).isoformat()
    klient = api_client(vagledare)
    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/forseningsbesked/",
        {"orsak": "Systemet för bygglov är nere.", "ny_svarsdag": dag},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/avsluta/",
        {"utfall": "hanvisat"},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/forseningsbesked/",
        {"orsak": "Igen.", "ny_svarsdag": dag},
        format="json",
    )
    assert svar.status_code in (400, 409)
    assert arende.handelser.filter(typ=Handelse.Typ.FORSENINGSBESKED).count() == 1
