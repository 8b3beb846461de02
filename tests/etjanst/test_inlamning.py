"""The e-tjänst intake API through HTTP: JSON, Open ePlatform XML, replays and refusals."""

import base64
import hashlib
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from arenden.models import Arende, Bilaga, Kanal, Kontakt, Meddelande
from kanaler.etjanst.models import Inlamning
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/kanaler/etjanst/inlamning/"
DATA = Path(__file__).parent / "data"


def _json(**over) -> dict:
    data = {
        "tjanst": "Anmälan om matavfallsabonnemang",
        "extern_id": "plattform-2026-0001",
        "sokande": {
            "namn": "Karin Ström",
            "personnummer": "19811218-9876",
            "epost": "karin.strom@example.se",
            "telefon": "070-765 43 21",
        },
        "svar": [
            {"fraga": "Fastighetsbeteckning", "varde": "Lekeberg Kärr 1:23"},
            {"fraga": "Kärlstorlek", "varde": "140 liter"},
        ],
        "bilagor": [
            {
                "namn": "karta.pdf",
                "typ": "application/pdf",
                "innehall": base64.b64encode(b"%PDF-1.4 karta").decode(),
            }
        ],
    }
    data.update(over)
    return data


def _inget_skapat() -> None:
    assert Arende.objects.count() == 0
    assert Kontakt.objects.count() == 0
    assert Meddelande.objects.count() == 0
    assert Bilaga.objects.count() == 0
    assert Inlamning.objects.count() == 0


def test_json_inlamning_blir_ett_etjanstarende(plattform_klient):
    """A JSON submission opens an ärende with the applicant, the answers and the attachment."""
    svar = plattform_klient.post(URL, _json(), format="json")

    assert svar.status_code == 201, svar.content
    arende = Arende.objects.select_related("kontakt").get()
    assert svar.json() == {
        "arende": arende.nummer,
        "extern_id": "plattform-2026-0001",
        "tjanst": "Anmälan om matavfallsabonnemang",
        "format": "json",
        "ny": True,
    }
    assert arende.kanal == Kanal.ETJANST
    assert arende.rubrik == "Anmälan om matavfallsabonnemang"
    assert arende.kontakt.namn == "Karin Ström"
    assert arende.kontakt.personnummer == "198112189876"
    meddelande = arende.meddelanden.get()
    assert meddelande.riktning == Meddelande.Riktning.IN
    assert "Fastighetsbeteckning: Lekeberg Kärr 1:23" in meddelande.text
    bilaga = meddelande.bilagor.get()
    assert bilaga.namn == "karta.pdf"
    assert bilaga.sha256 == hashlib.sha256(b"%PDF-1.4 karta").hexdigest()
    assert bilaga.storlek == len(b"%PDF-1.4 karta")


def test_upprepad_inlamning_skapar_inget_nytt(plattform_klient):
    """A replay of the same external id answers 200 with the first ärende and adds nothing."""
    forsta = plattform_klient.post(URL, _json(), format="json")

    igen = plattform_klient.post(URL, _json(), format="json")

    assert igen.status_code == 200
    assert igen.json()["arende"] == forsta.json()["arende"]
    assert igen.json()["ny"] is False
    assert Arende.objects.count() == 1
    assert Meddelande.objects.count() == 1
    assert Bilaga.objects.count() == 1


def test_flowinstance_xml_i_iso_8859_1(plattform_klient):
    """Open ePlatform's FlowInstance XML in ISO-8859-1 keeps å, ä and ö in every value."""
    ra = (DATA / "flowinstance_iso8859-1.xml").read_bytes()
    assert "Å".encode("iso-8859-1") in ra and "Å".encode() not in ra

    svar = plattform_klient.post(URL, ra, content_type="application/xml")

    assert svar.status_code == 201, svar.content
    assert svar.json()["extern_id"] == "oeplatform-190456"
    assert svar.json()["format"] == "flowinstance"
    arende = Arende.objects.select_related("kontakt").get()
    assert arende.kanal == Kanal.ETJANST
    assert arende.rubrik == "Ansökan om skolskjuts till grundskola"
    assert arende.kontakt.namn == "Åsa Öberg"
    assert arende.kontakt.epost == "asa.oberg@example.se"
    assert arende.kontakt.telefon
    text = arende.meddelanden.get().text
    assert "Elevens namn: Märta Öberg" in text
    assert "Motivering: Vägen är lång och saknar gång- och cykelväg" in text
    assert "Kontaktuppgifter: Firstname: Åsa; Lastname: Öberg" in text
    assert arende.inkom.isoformat().startswith("2026-11-20T08:15")  # 09:15 Stockholm

    igen = plattform_klient.post(URL, ra, content_type="application/xml")
    assert igen.status_code == 200 and Arende.objects.count() == 1


def test_trasig_xml_ger_400_som_sager_var(plattform_klient):
    """Malformed XML gets a 400 naming the line and column, and nothing is created."""
    ra = (DATA / "flowinstance_iso8859-1.xml").read_bytes().replace(b"</Values>", b"</Valuez>")

    svar = plattform_klient.post(URL, ra, content_type="application/xml")

    assert svar.status_code == 400
    body = svar.json()
    assert body["code"] == "xml_syntax"
    assert body["message"].startswith("XML-dokumentet kunde inte tolkas: fel på rad 46")
    assert body["extra"]["rad"] == 46
    _inget_skapat()


def test_xml_utan_flowinstanceid_ger_400(plattform_klient):
    """A FlowInstance without its id is refused with a message naming the missing element."""
    ra = (DATA / "flowinstance_iso8859-1.xml").read_bytes()
    ra = ra.replace(b"<FlowInstanceID>190456</FlowInstanceID>", b"")

    svar = plattform_klient.post(URL, ra, content_type="application/xml")

    assert svar.status_code == 400
    assert svar.json()["message"] == "FlowInstance saknar Header/FlowInstanceID."
    _inget_skapat()


def test_xml_med_entiteter_vagras(plattform_klient):
    """A DTD with entities (a billion-laughs attempt) is refused before anything is expanded."""
    ra = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<FlowInstance xmlns="http://www.oeplatform.org/version/2.0/schemas/flowinstance">'
        b"&b;</FlowInstance>"
    )

    svar = plattform_klient.post(URL, ra, content_type="application/xml")

    assert svar.status_code == 400
    assert svar.json()["code"] == "xml_dtd"
    _inget_skapat()


def test_trasig_json_ger_400_som_sager_var(plattform_klient):
    """Malformed JSON gets a 400 naming line and column, and nothing is created."""
    svar = plattform_klient.post(
        URL, b'{"tjanst": "Bygglov",\n "extern_id": }', content_type="application/json"
    )

    assert svar.status_code == 400
    body = svar.json()
    assert body["code"] == "json_syntax"
    assert body["message"] == (
        "JSON-dokumentet kunde inte tolkas: ett värde saknas på rad 2, kolumn 15."
    )
    _inget_skapat()


def test_json_utan_obligatoriska_falt_namnger_dem(plattform_klient):
    """A JSON submission without service name or external id is refused naming the fields."""
    svar = plattform_klient.post(URL, {"svar": []}, format="json")

    assert svar.status_code == 400
    assert svar.json()["message"] == "Inlämningen har fel i fälten: extern_id, tjanst."
    _inget_skapat()


def test_ogiltigt_personnummer_lamnar_inget_halvskapat(plattform_klient):
    """A refusal after parsing (a wrong personnummer) rolls everything back."""
    data = _json()
    data["sokande"]["personnummer"] = "19811218-0000"

    svar = plattform_klient.post(URL, data, format="json")

    assert svar.status_code == 400
    _inget_skapat()


def test_for_stor_eller_felkodad_bilaga_vagras(plattform_klient, settings):
    """An attachment over the limit or not base64 is refused, and nothing is created."""
    settings.KONTAKTCENTER_ETJANST = {"MAX_BILAGA": 10}
    for bilagor, kod in (
        (
            [{"namn": "stor.pdf", "innehall": base64.b64encode(b"x" * 11).decode()}],
            "bilaga_for_stor",
        ),
        ([{"namn": "trasig.pdf", "innehall": "inte base64!"}], "bilaga_base64"),
    ):
        svar = plattform_klient.post(URL, _json(bilagor=bilagor), format="json")

        assert svar.status_code == 400
        assert svar.json()["code"] == kod
        _inget_skapat()


def test_bara_plattformens_konto_far_lamna_in():
    """Without a token the answer is 401; another account's token gets 403."""
    assert APIClient().post(URL, _json(), format="json").status_code == 401
    klient = APIClient()
    klient.force_authenticate(UserFactory(username="nagon"))
    assert klient.post(URL, _json(), format="json").status_code == 403
    _inget_skapat()
