"""The learning loop, usage on the ärende, the gap report and the upkeep reminders."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from arenden import services as arende_services
from arenden.models import Handelse
from kunskapsbank import paminnelser, selectors, services, tasks
from kunskapsbank.models import Anvandning, ArtikelStatus, Kunskapsartikel, Sokning
from tests.factories import ArendeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eskalerat_och_besvarat(kommun, vagledare, handlaggare_a, forvaltning_a):
    arende = ArendeFactory(
        kommun=kommun,
        av=vagledare,
        rubrik="Får jag bygga en bastu vid sjön?",
        beskrivning="Vi har en tomt vid sjön och vill bygga en bastu på 12 kvm.",
    )
    arende = arende_services.arende_eskalera(
        arende=arende, av=vagledare, forvaltning=forvaltning_a, orsak="Strandskydd"
    )
    arende_services.arende_svara(
        arende=arende,
        av=handlaggare_a,
        text="Inom 100 meter från stranden gäller strandskydd.\n\nSök dispens hos kommunen.",
    )
    return arende


def test_handlaggarens_svar_blir_ett_utkast_kopplat_till_arendet(
    api_client, handlaggare_a, eskalerat_och_besvarat, forvaltning_a
):
    """One click turns an escalated ärende's question and answer into a draft for review."""
    svar = api_client(handlaggare_a).post(
        "/api/v1/kunskapsbank/forslag/", {"arende": eskalerat_och_besvarat.nummer}
    )
    assert svar.status_code == 201, svar.json()
    data = svar.json()
    assert data["fraga"] == "Får jag bygga en bastu vid sjön?"
    assert data["status"] == ArtikelStatus.GRANSKNING
    assert data["kalla_arende"] == eskalerat_och_besvarat.nummer
    assert data["forvaltning"] == forvaltning_a.namn
    assert "strandskydd" in data["svar_text"]
    assert data["alternativa_fragor"] == [eskalerat_och_besvarat.beskrivning]
    # The draft is not visible to the public and appears in the förvaltning's review list.
    assert api_client().get(f"/api/v1/kunskapsbank/artiklar/{data['id']}/").status_code == 404
    granskas = selectors.artiklar_i_granskning(user=handlaggare_a)
    assert [a.pk for a in granskas] == [data["id"]]
    # The ärende's timeline records it.
    assert Handelse.objects.filter(
        arende=eskalerat_och_besvarat, data__kunskapsartikel_id=data["id"]
    ).exists()


def test_forslag_fran_knappen_pa_arendesidan(client, handlaggare_a, eskalerat_och_besvarat):
    """The button on the ärende page proposes the draft and says so in place."""
    client.force_login(handlaggare_a)
    sida = client.get(f"/arenden/{eskalerat_och_besvarat.nummer}/")
    assert "Föreslå svaret som kunskapsartikel" in sida.content.decode()
    svar = client.post(
        f"/kunskapsbank/forsla/{eskalerat_och_besvarat.nummer}/", HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 200
    assert "väntar på granskning" in svar.content.decode()
    assert Kunskapsartikel.objects.get().kalla_arende_id == eskalerat_och_besvarat.pk


def test_ett_ej_eskalerat_arende_kan_inte_bli_forslag(api_client, vagledare, kommun):
    """Only an escalated, answered ärende can become a proposal."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    svar = api_client(vagledare).post("/api/v1/kunskapsbank/forslag/", {"arende": arende.nummer})
    assert svar.status_code == 400
    assert svar.json()["code"] == "inte_eskalerat"


def test_anvandning_vid_forsta_kontakt_raknas(api_client, vagledare, kommun, artikel):
    """Using an article on a new ärende counts as solved at first contact, once."""
    a = artikel()
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    url = f"/api/v1/kunskapsbank/artiklar/{a.pk}/anvand/"
    svar = api_client(vagledare).post(url, {"arende": arende.nummer})
    assert svar.status_code == 201
    assert svar.json() == {"forsta_kontakt": True}
    api_client(vagledare).post(url, {"arende": arende.nummer})
    assert Anvandning.objects.count() == 1
    assert Kunskapsartikel.objects.get(pk=a.pk).anvandningar == 1
    sedan = timezone.now() - datetime.timedelta(days=1)
    assert selectors.statistik_forsta_kontakt(sedan=sedan) == {"arenden": 1, "forsta_kontakt": 1}


def test_luckrapporten_visar_sokningar_utan_traff_och_utan_anvandning(
    api_client, vagledare, teamledare, kommun, artikel
):
    """The gap report lists searches with no hits, and searches whose hits were never used."""
    a = artikel(fraga="Hur ansöker jag om bygglov?")
    klient = api_client(vagledare)
    for _i in range(3):
        klient.get("/api/v1/kunskapsbank/sok/", {"q": "hundrastgård"})
    klient.get("/api/v1/kunskapsbank/sok/", {"q": "bygglov"})
    anvand = klient.get("/api/v1/kunskapsbank/sok/", {"q": "bygglov ansökan"}).json()
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    klient.post(
        f"/api/v1/kunskapsbank/artiklar/{a.pk}/anvand/",
        {"arende": arende.nummer, "sokning_id": anvand["sokning_id"]},
    )
    assert api_client(vagledare).get("/api/v1/kunskapsbank/luckor/").status_code == 403
    rapport = {
        r["text"]: r for r in api_client(teamledare).get("/api/v1/kunskapsbank/luckor/").json()
    }
    assert rapport["hundrastgård"] == {
        "text": "hundrastgård", "antal": 3, "utan_traff": 3, "aldrig_anvand": 0
    }  # fmt: skip
    assert rapport["bygglov"]["aldrig_anvand"] == 1
    assert "bygglov ansökan" not in rapport
    assert Sokning.objects.get(text="bygglov ansökan").anvand


def test_granskningslistan_och_veckopaminnelsen(teamledare, handlaggare_a, artikel, client):
    """Overdue articles are listed for owner and teamledare, and the owner gets one mail a week."""
    igar = timezone.localdate() - datetime.timedelta(days=1)
    forsenad = artikel(fraga="Gammal taxa", agare=handlaggare_a)
    Kunskapsartikel.objects.filter(pk=forsenad.pk).update(granskas_senast=igar)
    artikel(fraga="Aktuell taxa", agare=handlaggare_a)
    assert [a.fraga for a in selectors.artiklar_att_granska(user=handlaggare_a)] == ["Gammal taxa"]
    assert [a.fraga for a in selectors.artiklar_att_granska(user=teamledare)] == ["Gammal taxa"]
    client.force_login(teamledare)
    assert "Gammal taxa" in client.get("/kunskapsbank/granska/").content.decode()

    # The weekly task queues one reminder per owner; run that one directly.
    assert selectors.forsenade_per_agare() == {handlaggare_a.pk: [forsenad.pk]}
    cache.delete(
        paminnelser.paminnelse_nyckel(agare_id=handlaggare_a.pk, idag=timezone.localdate())
    )
    assert tasks.granskning_paminn_agare.apply(args=[handlaggare_a.pk]).get() is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [handlaggare_a.email]
    assert "Gammal taxa" in mail.outbox[0].body
    assert paminnelser.paminnelse_skicka(agare_id=handlaggare_a.pk) is False
    assert len(mail.outbox) == 1


def test_en_andring_av_artikel_skriver_version(teamledare, artikel):
    """A service change bumps the version and keeps the old text."""
    a = artikel(fraga="Fråga ett")
    services.artikel_andra(artikel=a, av=teamledare, fraga="Fråga två", version=a.version)
    texter = list(a.versioner.order_by("nummer").values_list("fraga", flat=True))
    assert texter[0] == "Fråga ett"
    assert texter[-1] == "Fråga två"
