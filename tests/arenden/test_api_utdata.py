"""The API's ärende answers, written out by hand for speed, say what DRF's fields would.

ArendeListaOut, ArendeDetaljOut, HandelseOut and MeddelandeOut build their answers straight
off the row (arenden/api.py); here each is held against DRF's own field-by-field rendering
of the same serializer, key by key and in the same order, for ärenden with and without
every optional part, and through the HTTP API.
"""

import json

import pytest
from rest_framework import serializers

from arenden import behorighet, selectors, services
from arenden.api import ArendeDetaljOut, ArendeListaOut, HandelseOut, MeddelandeOut
from arenden.models import Arende, Kanal, Svarsgrupp
from tests.factories import ArendeFactory, KontaktFactory

pytestmark = pytest.mark.django_db


def drf(serializer, objekt) -> dict:
    """What DRF renders for the serializer's declared fields, without our shortcut."""
    return serializers.ModelSerializer.to_representation(serializer, objekt)


@pytest.fixture
def arenden(kommun, vagledare, handlaggare_a, forvaltning_a, kategori_snabb):
    tomt = ArendeFactory(kommun=kommun, av=None, kanal=Kanal.BESOK, rubrik="Utan allt")
    fullt = ArendeFactory(
        kommun=kommun,
        av=vagledare,
        kanal=Kanal.TELEFON,
        rubrik="Med allt",
        beskrivning="Lång beskrivning",
        kategori=kategori_snabb,
        forvaltning=forvaltning_a,
        rosa=3,
        kontakt=KontaktFactory(personnummer="198112189876", namn="Åsa Öberg"),
    )
    services.arende_tilldela(arende=fullt, av=vagledare, till=vagledare)
    kalla = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Dubblett")
    services.arende_sla_ihop(kalla=kalla, mal=fullt, av=vagledare)
    services.arende_eskalera(arende=fullt, av=vagledare, forvaltning=forvaltning_a, orsak="Test")
    services.arende_svara(arende=fullt, av=handlaggare_a, text="Svar till medborgaren.")
    fullt.refresh_from_db()
    fullt.svarsgrupp = Svarsgrupp.objects.create(forvaltning=forvaltning_a, namn="Bygglov")
    fullt.save(update_fields=["svarsgrupp"])
    hemligt = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Hemligt", sekretess=True)
    return [tomt, fullt, hemligt, kalla]


def _last(user, arende: Arende) -> Arende:
    return behorighet.arende_get_for_user(user=user, nummer=arende.nummer, logga_lasning=False)


def svaren(serializer, objekt) -> tuple[dict, dict]:
    """Our answer and DRF's for the same object."""
    return serializer.to_representation(objekt), dict(drf(serializer, objekt))


@pytest.mark.parametrize("serializer", [ArendeListaOut, ArendeDetaljOut])
def test_arendet_ar_detsamma_som_drf_ger(vagledare, arenden, serializer):
    """A list row and a detail, for every kind of ärende in the fixture: the same keys in
    the same order, the same values."""
    for arende in arenden:
        snabb, generisk = svaren(serializer(), _last(vagledare, arende))
        assert list(snabb) == list(generisk)
        assert snabb == generisk, arende.rubrik


def test_tidslinje_och_meddelanden_ar_desamma_som_drf_ger(vagledare, arenden):
    fullt = _last(vagledare, arenden[1])
    handelser = selectors.arende_tidslinje(arende=fullt)
    meddelanden = selectors.arende_meddelanden(arende=fullt, bilagor=False)
    assert len({h.typ for h in handelser}) >= 5  # skapat, tilldelat, svar, eskalerat, …
    assert meddelanden
    for serializer, rader in ((HandelseOut, handelser), (MeddelandeOut, meddelanden)):
        for rad in rader:
            snabb, generisk = svaren(serializer(), rad)
            assert list(snabb) == list(generisk)
            assert snabb == generisk, rad.pk


def test_api_listan_och_detaljen_over_http(api_client, vagledare, arenden):
    """Through HTTP: the list hides a sekretess ärende's rubrik, the detail holds the rest."""
    klient = api_client(vagledare)
    lista = klient.get("/api/v1/arenden/?antal=50").json()["results"]
    per_nummer = {r["nummer"]: r for r in lista}
    assert per_nummer[arenden[2].nummer]["rubrik"] == "Sekretessmarkerat ärende"
    assert per_nummer[arenden[2].nummer]["kontakt"] is None
    detalj = klient.get(f"/api/v1/arenden/{arenden[1].nummer}/").json()
    assert detalj["kontakt"]["personnummer"] == "19811218-****"
    assert detalj["svarsgrupp"] == "Bygglov" and detalj["rosa"] == 3
    assert detalj["inkom"].endswith("+01:00") or detalj["inkom"].endswith("+02:00")
    assert any(h["arende"] == arenden[3].nummer for h in detalj["tidslinje"])
    json.dumps(detalj)  # plain JSON all through
