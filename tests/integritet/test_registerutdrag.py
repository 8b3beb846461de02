"""Registerutdrag, rättelse and radering on request, through HTTP, each logged."""

import json

import pytest
from django.utils import timezone

from arenden import services
from arenden.models import Arende, Handelse, Kontakt, Meddelande
from integritet.models import Logghandelse
from kanaler.telefon.models import Samtal
from tests.integritet.conftest import avslutat, logg


@pytest.fixture
def admin(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def kalles_arenden(vagledare, kalle, lisa, kategori_snabb):
    return {
        "avslutat": avslutat(
            av=vagledare, kontakt=kalle, kategori=kategori_snabb, rubrik="Bygglov"
        ),
        "hemligt": services.arende_skapa(
            rubrik="Skyddad adress", kanal="telefon", av=vagledare, kontakt=kalle, sekretess=True
        ),
        "lisas": avslutat(av=vagledare, kontakt=lisa, rubrik="Lisas fråga om förskola"),
    }


def test_registerutdrag_json_innehaller_personens_arenden_och_inga_andras(
    admin, kalle, kalles_arenden
):
    """The JSON holds the person's kontakt, every ärende (sekretess too), messages,
    attachments, timeline and calls from the number, and nothing about anyone else."""
    Kontakt.objects.filter(pk=kalle.pk).update(telefon="0701234567")
    Samtal.objects.create(samtals_id="a", nummer="+46 70 123 45 67", inkom=timezone.now())
    Samtal.objects.create(samtals_id="b", nummer="070-999 45 67", inkom=timezone.now())
    svar = admin.post("/integritet/registerutdrag/", {"sok": "811218-9876", "format": "json"})

    assert svar.status_code == 200
    assert svar["Content-Type"].startswith("application/json")
    assert svar["Cache-Control"] == "no-store"
    utdrag = json.loads(svar.content)
    assert [k["namn"] for k in utdrag["kontakter"]] == ["Kalle Karlsson"]
    assert utdrag["kontakter"][0]["personnummer"] == "19811218-9876"
    nummer = {a["nummer"] for a in utdrag["arenden"]}
    assert nummer == {kalles_arenden["avslutat"].nummer, kalles_arenden["hemligt"].nummer}
    [avslutat_] = [a for a in utdrag["arenden"] if a["nummer"] == kalles_arenden["avslutat"].nummer]
    assert avslutat_["meddelanden"][0]["avsandare"] == "kalle@example.se"
    assert avslutat_["bilagor"] == [
        {
            "namn": "intyg.pdf",
            "typ": "application/pdf",
            "storlek": 14,
            "tid": avslutat_["bilagor"][0]["tid"],
        }
    ]
    assert {h["handelse"] for h in avslutat_["tidslinje"]} >= {"Anteckning", "Avslutat"}
    assert [s["nummer"] for s in utdrag["samtal"]] == ["+46 70 123 45 67"]
    assert "Lisa" not in svar.content.decode() and "förskola" not in svar.content.decode()


def test_registerutdrag_som_sida_pa_e_post_och_loggas(admin, administrator, kalle, kalles_arenden):
    """Found by e-post too, as a printable page; the extract is logged without the search."""
    svar = admin.post("/integritet/registerutdrag/", {"sok": "Kalle@Example.se", "format": "html"})

    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Kalle Karlsson" in html and kalles_arenden["avslutat"].nummer in html
    assert "pröva sekretessen" in html  # the sekretess ärende is flagged for prövning
    assert "@media print" not in html  # the print stylesheet is a static file
    [rad] = logg(typ=Logghandelse.Typ.REGISTERUTDRAG)
    assert (rad.aktor_id, rad.kontakt_id, rad.data["format"]) == (
        administrator.pk,
        kalle.pk,
        "html",
    )
    assert rad.data["sokt_pa"] == "epost"
    assert "kalle@example.se" not in json.dumps(rad.data).lower()


def test_registerutdrag_tar_inte_emot_sokning_i_adressen(admin, kalles_arenden):
    """A GET shows the empty form: the search is only ever posted."""
    svar = admin.get("/integritet/registerutdrag/", {"sok": "811218-9876"})

    assert svar.status_code == 200
    assert "Kalle Karlsson" not in svar.content.decode()
    assert not Logghandelse.objects.filter(typ=Logghandelse.Typ.REGISTERUTDRAG).exists()


def test_rattelse_andrar_och_loggas_med_orsak(admin, administrator, kalle):
    """A correction changes the fields and logs who, when, why and which fields."""
    svar = admin.post(
        f"/integritet/kontakter/{kalle.pk}/ratta/",
        {
            "namn": "Karl Karlsson",
            "epost": "karl@example.se",
            "telefon": "070-111 22 33",
            "personnummer": "19811218-9876",
            "orsak": "Begäran om rättelse per telefon 2026-11-20",
        },
    )

    assert svar.status_code == 302
    kalle.refresh_from_db()
    assert (kalle.namn, kalle.epost, kalle.telefon) == (
        "Karl Karlsson",
        "karl@example.se",
        "0701112233",
    )
    [rad] = logg(typ=Logghandelse.Typ.RATTELSE)
    assert rad.aktor_id == administrator.pk and rad.kontakt_id == kalle.pk
    assert rad.orsak == "Begäran om rättelse per telefon 2026-11-20"
    assert rad.data == {"falt": ["namn", "epost", "telefon"]}


def test_rattelse_kraver_orsak_och_giltigt_personnummer(admin, kalle):
    """Without a reason, or with a wrong check digit, nothing changes and the form says why."""
    utan = admin.post(f"/integritet/kontakter/{kalle.pk}/ratta/", {"namn": "X", "orsak": " "})
    fel = admin.post(
        f"/integritet/kontakter/{kalle.pk}/ratta/",
        {"namn": "X", "personnummer": "19811218-9875", "orsak": "Begäran"},
    )

    assert utan.status_code == fel.status_code == 400
    assert "Ange varför" in utan.content.decode()
    assert "inte giltigt" in fel.content.decode()
    kalle.refresh_from_db()
    assert kalle.namn == "Kalle Karlsson"
    assert not Logghandelse.objects.exists()


def test_radering_anonymiserar_men_bevarar_diarieforda_och_oppna(
    admin, administrator, vagledare, kalle, kategori_diarieford, kalles_arenden
):
    """Closed ärenden lose their personal data; the diarieförda (allmän handling) and the
    open one are kept with the kontakt, and the UI says so in Swedish; all is logged."""
    diariefort = avslutat(av=vagledare, kontakt=kalle, kategori=kategori_diarieford)
    sida = admin.get(f"/integritet/kontakter/{kalle.pk}/").content.decode()

    svar = admin.post(
        f"/integritet/kontakter/{kalle.pk}/radera/",
        {"orsak": "Begäran enligt artikel 17"},
        follow=True,
    )

    assert "allmänna handlingar" in sida
    assert svar.status_code == 200
    anonymiserat = Arende.objects.get(pk=kalles_arenden["avslutat"].pk)
    assert anonymiserat.rubrik == "Gallrat ärende" and anonymiserat.kontakt_id is None
    assert not Meddelande.objects.filter(arende=anonymiserat).exists()
    assert [h.typ for h in anonymiserat.handelser.all()] == [Handelse.Typ.GALLRAT]
    assert Arende.objects.get(pk=diariefort.pk).kontakt_id == kalle.pk
    assert Arende.objects.get(pk=kalles_arenden["hemligt"].pk).kontakt_id == kalle.pk
    assert Kontakt.objects.filter(pk=kalle.pk).exists()
    html = svar.content.decode()
    assert "diarieförda och är allmänna handlingar" in html
    assert "är inte avslutade" in html
    [rad] = logg(typ=Logghandelse.Typ.RADERING)
    assert rad.aktor_id == administrator.pk and rad.orsak == "Begäran enligt artikel 17"
    assert rad.data["anonymiserade"] == [kalles_arenden["avslutat"].nummer]
    assert rad.data["bevarade_diarieforda"] == [diariefort.nummer]
    assert rad.data["bevarade_oppna"] == [kalles_arenden["hemligt"].nummer]
    # Lisa's ärende is untouched.
    assert Arende.objects.get(pk=kalles_arenden["lisas"].pk).rubrik == "Lisas fråga om förskola"


def test_radering_tar_bort_kontakten_nar_inget_arende_ar_kvar(admin, vagledare, lisa):
    """With every ärende anonymised, the kontakt itself is deleted."""
    avslutat(av=vagledare, kontakt=lisa)

    svar = admin.post(f"/integritet/kontakter/{lisa.pk}/radera/", {"orsak": "Begäran"})

    assert svar.status_code == 302
    assert not Kontakt.objects.filter(pk=lisa.pk).exists()
    [rad] = logg(typ=Logghandelse.Typ.RADERING)
    assert rad.data["kontakt_borttagen"] is True


def test_radering_kraver_orsak(admin, vagledare, lisa):
    arende = avslutat(av=vagledare, kontakt=lisa)

    svar = admin.post(f"/integritet/kontakter/{lisa.pk}/radera/", {"orsak": ""})

    assert svar.status_code == 400
    assert Arende.objects.get(pk=arende.pk).kontakt_id == lisa.pk


@pytest.mark.parametrize("roll", ["vagledare", "teamledare"])
def test_andra_roller_far_inte_ratta_radera_eller_gora_utdrag(request, client, kalle, roll):
    client.force_login(request.getfixturevalue(roll))

    svar = [
        client.post(f"/integritet/kontakter/{kalle.pk}/ratta/", {"namn": "X", "orsak": "x"}),
        client.post(f"/integritet/kontakter/{kalle.pk}/radera/", {"orsak": "x"}),
        client.post("/integritet/registerutdrag/", {"sok": "811218-9876"}),
    ]

    assert [s.status_code for s in svar] == [403, 403, 403]
    kalle.refresh_from_db()
    assert kalle.namn == "Kalle Karlsson"
    assert not Logghandelse.objects.exists()
