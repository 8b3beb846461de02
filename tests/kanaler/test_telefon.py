"""The telefon channel through HTTP: the quick form, the växel's call events, the figures."""

from datetime import UTC, datetime, timedelta

import pytest
from rest_framework.test import APIClient

from arenden.models import Arende, Handelse, Kanal, Kontakt, Status, Utfall
from kanaler.telefon import selectors
from kanaler.telefon.models import Samtal, Samtalshandelse
from tests.factories import KategoriFactory

pytestmark = pytest.mark.django_db

SAMTAL_URL = "/api/v1/kanaler/telefon/samtal/"


def _enda_arende() -> Arende:
    assert Arende.objects.count() == 1
    return Arende.objects.select_related("kategori", "kontakt").get()


# ---------------------------------------------------------------------------------------
# The quick form


def test_formularet_borjar_i_fragan_och_fylls_fran_vaxeln(inloggad):
    """The form opens with the cursor in the question, the number and call id from the växel."""
    svar = inloggad.get("/telefon/", {"nummer": "070-123 45 67", "samtal": "v-77"})

    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'id="fraga" name="fraga"' in html and "autofocus" in html.split('id="fraga"')[1][:200]
    assert 'value="070-123 45 67"' in html
    assert 'name="samtals_id" value="v-77"' in html
    assert 'value="lost"' in html and "checked" in html.split('value="lost"')[1][:20]


def test_lost_samtal_registreras_med_en_post(inloggad, kategori_snabb, kategori_diarieford):
    """One POST with only the question registers an anonymous solved call, kategori suggested."""
    # when
    svar = inloggad.post(
        "/telefon/", {"fraga": "Felanmälan gata: gatlampan på Storgatan är trasig", "val": "lost"}
    )

    # then
    assert svar.status_code == 302
    assert svar["Location"] == "/telefon/"
    arende = _enda_arende()
    assert arende.kanal == Kanal.TELEFON
    assert arende.status == Status.AVSLUTAD
    assert arende.utfall == Utfall.LOST_AV_KONTAKTCENTER
    assert arende.kategori == kategori_snabb
    assert arende.kontakt is None
    assert arende.inkom is not None and arende.avslutad is not None
    assert list(arende.handelser.values_list("typ", flat=True)) == [
        Handelse.Typ.SKAPAT,
        Handelse.Typ.AVSLUTAT,
    ]
    sida = inloggad.get("/telefon/")
    assert arende.nummer in sida.content.decode()


def test_kategori_foreslas_medan_man_skriver(inloggad, kategori_snabb, kategori_diarieford):
    """The htmx fragment names the kategori whose words the question shares."""
    svar = inloggad.get(
        "/telefon/forslag/",
        {"fraga": "hur ansöker jag om försörjningsstöd?"},
        HTTP_HX_REQUEST="true",
    )

    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'id="forslag"' in html
    assert "Ansökan om försörjningsstöd" in html
    assert "<html" not in html


def test_kopplat_samtal_kraver_vem_och_sparar_inget_utan(inloggad, kategori_snabb):
    """A connected call needs to whom; without it nothing is saved and the message is Swedish."""
    svar = inloggad.post(
        "/telefon/", {"fraga": "Vill prata med bygglov", "val": "kopplat", "kontakt_namn": "Åsa"}
    )

    assert svar.status_code == 400
    assert "Skriv vem kontakten kopplades eller hänvisades till." in svar.content.decode()
    assert Arende.objects.count() == 0
    assert Kontakt.objects.count() == 0

    svar = inloggad.post(
        "/telefon/",
        {"fraga": "Vill prata med bygglov", "val": "kopplat", "kopplat_till": "Cecilia, bygglov"},
    )

    assert svar.status_code == 302
    arende = _enda_arende()
    assert arende.utfall == Utfall.KOPPLAT_SAMTAL
    assert arende.handelser.get(typ=Handelse.Typ.AVSLUTAT).data["kommentar"] == (
        "Kopplat till Cecilia, bygglov."
    )


def test_aterringning_blir_oppet_arende_med_nummer(inloggad):
    """A call needing a callback stays open in the queue, with the number to call."""
    utan = inloggad.post("/telefon/", {"fraga": "Fråga om sophämtning", "val": "aterkontakt"})
    assert utan.status_code == 400
    assert Arende.objects.count() == 0

    svar = inloggad.post(
        "/telefon/",
        {"fraga": "Fråga om sophämtning", "val": "aterkontakt", "kontakt_telefon": "070-1234567"},
    )

    assert svar.status_code == 302
    arende = _enda_arende()
    assert arende.status == Status.NY
    assert arende.utfall == ""
    assert arende.kontakt.telefon == "0701234567"
    anteckning = arende.handelser.get(typ=Handelse.Typ.ANTECKNING).data["text"]
    assert anteckning == "Återkoppling behövs, till 070-1234567."


def test_eskalera_till_kategorins_forvaltning(inloggad, kategori_diarieford):
    """Escalating sends the ärende to the kategori's förvaltning."""
    svar = inloggad.post(
        "/telefon/",
        {
            "fraga": "Ansökan om försörjningsstöd, behöver prata med handläggare",
            "val": "eskalera",
            "kategori": kategori_diarieford.pk,
            "orsak": "Vill lämna underlag",
        },
    )

    assert svar.status_code == 302
    arende = _enda_arende()
    assert arende.status == Status.ESKALERAD
    assert arende.forvaltning == kategori_diarieford.forvaltning
    assert arende.handelser.get(typ=Handelse.Typ.ESKALERAT).data["orsak"] == "Vill lämna underlag"


def test_eskalera_utan_forvaltning_avvisas(inloggad):
    """Without kategori or förvaltning there is nobody to escalate to: refused, nothing saved."""
    svar = inloggad.post("/telefon/", {"fraga": "xyz", "val": "eskalera"})

    assert svar.status_code == 400
    assert "Välj förvaltning eller en kategori att eskalera till." in svar.content.decode()
    assert Arende.objects.count() == 0


def test_handlaggare_kan_inte_registrera(client, handlaggare_a):
    """Registering contacts is the contact center's work."""
    client.force_login(handlaggare_a)

    assert client.get("/telefon/").status_code == 403
    assert client.post("/telefon/", {"fraga": "x", "val": "lost"}).status_code == 403


def test_samtal_registreras_via_api(api_client, vagledare, kategori_snabb):
    """The API registers a call the same way and answers with the ärende."""
    svar = api_client(vagledare).post(
        "/api/v1/kanaler/telefon/arenden/",
        {
            "fraga": "Trasig gatlampa",
            "val": "lost",
            "kategori": kategori_snabb.pk,
            "kontakt": {"namn": "Örjan Ek", "telefon": "0709876543"},
        },
        format="json",
    )

    assert svar.status_code == 201, svar.content
    data = svar.json()
    assert data["kanal"] == "telefon"
    assert data["utfall"] == "lost_av_kontaktcenter"
    assert data["kontakt"]["namn"] == "Örjan Ek"


def test_svaret_ar_arendet_som_det_lases_efterat(api_client, vagledare, kategori_snabb):
    """The 201's ärende, timeline and messages are what a read right after it gives."""
    klient = api_client(vagledare)
    for val, extra in (("lost", {"svar": "Hänvisade."}), ("aterkontakt", {}), ("eskalera", {})):
        svar = klient.post(
            "/api/v1/kanaler/telefon/arenden/",
            {
                "fraga": "Trasig gatlampa",
                "val": val,
                "kategori": kategori_snabb.pk,
                "kontakt": {"namn": "Örjan Ek", "telefon": "0709876543"},
                **extra,
            },
            format="json",
        )
        assert svar.status_code == 201, svar.content
        assert svar.json() == klient.get(svar["Location"]).json(), val


def test_lost_med_svar_och_kunskapsartikel_raknas_som_forsta_kontakt(
    api_client, vagledare, forvaltning_a
):
    """The article's use is counted against the ärende as registered, before its answer."""
    from kunskapsbank import services as kb
    from kunskapsbank.models import Anvandning

    artikel = kb.artikel_skapa(
        fraga="När töms soptunnan?", svar="Varannan vecka.", forvaltning=forvaltning_a, av=None
    )
    svar = api_client(vagledare).post(
        "/api/v1/kanaler/telefon/arenden/",
        {
            "fraga": "Soptunnan?",
            "val": "lost",
            "svar": "Varannan vecka.",
            "kunskapsartikel": artikel.pk,
        },
        format="json",
    )

    assert svar.status_code == 201, svar.content
    assert svar.json()["status"] == "avslutad"
    assert Anvandning.objects.get(artikel=artikel).forsta_kontakt is True


def test_samtal_lost_med_kunskapsartikel(api_client, vagledare, forvaltning_a):
    """Solved with an article: closed as answered with it, and the article's use recorded."""
    from kunskapsbank import services as kb
    from kunskapsbank.models import Anvandning

    artikel = kb.artikel_skapa(
        fraga="När töms soptunnan?", svar="Varannan vecka.", forvaltning=forvaltning_a, av=None
    )

    svar = api_client(vagledare).post(
        "/api/v1/kanaler/telefon/arenden/",
        {"fraga": "När töms soptunnan?", "val": "lost", "kunskapsartikel": artikel.pk},
        format="json",
    )

    assert svar.status_code == 201, svar.content
    assert svar.json()["utfall"] == "besvarat_med_kunskapsartikel"
    assert Anvandning.objects.filter(artikel=artikel).count() == 1

    okand = api_client(vagledare).post(
        "/api/v1/kanaler/telefon/arenden/",
        {"fraga": "Annan fråga", "val": "lost", "kunskapsartikel": 999999},
        format="json",
    )
    assert okand.status_code == 400
    assert okand.json()["code"] == "kunskapsartikel_saknas"
    assert Arende.objects.count() == 1


# ---------------------------------------------------------------------------------------
# The växel's call events


def _handelse(klient, samtals_id, handelse, tid, **falt):
    return klient.post(
        SAMTAL_URL,
        {"samtals_id": samtals_id, "handelse": handelse, "tid": tid.isoformat(), **falt},
        format="json",
    )


T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_missat_samtal_blir_aterringningsarende(vaxel_klient, kommun):
    """A missed call with a number becomes one open callback ärende in the queue."""
    # given
    _handelse(vaxel_klient, "s-1", "inkommande", T0, nummer="+46 70 111 22 33", ko="Växel")

    # when
    svar = _handelse(vaxel_klient, "s-1", "missat", T0 + timedelta(seconds=95), ko="Växel")

    # then
    assert svar.status_code == 201, svar.content
    arende = _enda_arende()
    assert svar.json()["aterringning"] == arende.nummer
    assert arende.kanal == Kanal.TELEFON
    assert arende.status == Status.NY
    assert arende.rubrik.startswith("Återuppringning")
    assert arende.kontakt.telefon == "0701112233"
    assert arende.inkom == T0
    anteckning = arende.handelser.get(typ=Handelse.Typ.ANTECKNING).data["text"]
    assert "Växel" in anteckning and "0701112233" in anteckning


def test_upprepad_handelse_ger_ingen_dubblett(vaxel_klient, kommun):
    """Replaying the same events changes nothing: no second event, no second ärende."""
    for _gang in range(2):
        forsta = _handelse(vaxel_klient, "s-2", "incoming", T0, nummer="0702223344", ko="Bygg")
        andra = _handelse(vaxel_klient, "s-2", "missed", T0 + timedelta(seconds=40))

    assert forsta.status_code == 200 and andra.status_code == 200
    assert andra.json()["ny"] is False
    assert Samtalshandelse.objects.count() == 2
    assert Arende.objects.count() == 1
    # A second "missed" with another time is stored, but the call already has its callback.
    _handelse(vaxel_klient, "s-2", "missat", T0 + timedelta(seconds=41))
    assert Arende.objects.count() == 1


def test_missat_samtal_utan_nummer_ger_inget_arende(vaxel_klient):
    """A withheld number cannot be called back: the call is counted, no ärende opens."""
    _handelse(vaxel_klient, "s-3", "inkommande", T0, nummer="anonymous", ko="Växel")
    _handelse(vaxel_klient, "s-3", "missat", T0 + timedelta(seconds=20))

    assert Arende.objects.count() == 0
    assert Samtal.objects.get(samtals_id="s-3").missat is not None


def test_besvarat_samtal_kopplas_till_arendet(vaxel_klient, inloggad):
    """The call answered by the växel links to the ärende registered during it."""
    _handelse(vaxel_klient, "s-4", "inkommande", T0, nummer="0703334455", ko="Växel")
    _handelse(vaxel_klient, "s-4", "besvarat", T0 + timedelta(seconds=30), agent="vagledare")

    inloggad.post("/telefon/", {"fraga": "Fråga om bygglov", "val": "lost", "samtals_id": "s-4"})

    samtal = Samtal.objects.get(samtals_id="s-4")
    assert samtal.arende == _enda_arende()
    assert samtal.agent == "vagledare"


def test_ogiltig_handelse_ger_400_pa_svenska(vaxel_klient):
    """An unknown event or a missing call id is refused and nothing is stored."""
    svar = vaxel_klient.post(SAMTAL_URL, {"samtals_id": "", "handelse": "ringde"}, format="json")

    assert svar.status_code == 400
    data = svar.json()
    assert data["code"] == "valideringsfel"
    assert set(data["extra"]["falt"]) >= {"samtals_id", "handelse", "tid"}
    assert Samtal.objects.count() == 0


def test_bara_vaxeln_far_skicka_handelser(vagledare, api_nyckel_klient):
    """Without a key: 401; a key of someone not in the växel group: 403."""
    anonym = APIClient().post(SAMTAL_URL, {}, format="json")
    assert anonym.status_code == 401

    klient = api_nyckel_klient(vagledare)
    assert klient.post(SAMTAL_URL, {}, format="json").status_code == 403


def test_telefonisiffror_per_ko(vaxel_klient, kommun):
    """Answer rate, waiting time and missed calls per queue come from the events."""
    # given: Växel answers two of three calls after 20 and 40 s; Bygg misses its only call.
    for i, vantan in enumerate((20, 40)):
        _handelse(vaxel_klient, f"v{i}", "inkommande", T0, ko="Växel", nummer="0701000000")
        _handelse(vaxel_klient, f"v{i}", "besvarat", T0 + timedelta(seconds=vantan))
        _handelse(vaxel_klient, f"v{i}", "avslutat", T0 + timedelta(minutes=5))
    _handelse(vaxel_klient, "v9", "inkommande", T0, ko="Växel", nummer="0701000009")
    _handelse(vaxel_klient, "v9", "missat", T0 + timedelta(seconds=60))
    _handelse(vaxel_klient, "b1", "inkommande", T0, ko="Bygg", nummer="0702000000")
    _handelse(vaxel_klient, "b1", "missat", T0 + timedelta(seconds=30))

    # when
    siffror = {s.ko: s for s in selectors.telefoni_per_ko(fran=T0, till=T0 + timedelta(days=1))}

    # then
    assert siffror["Växel"].inkommande == 3
    assert siffror["Växel"].besvarade == 2
    assert siffror["Växel"].missade == 1
    assert siffror["Växel"].svarsfrekvens == pytest.approx(0.667)
    assert siffror["Växel"].medel_vantetid == 30.0
    assert siffror["Växel"].max_vantetid == 40.0
    assert siffror["Växel"].medel_vantetid_missade == 60.0
    assert siffror["Bygg"].svarsfrekvens == 0.0
    assert siffror["Bygg"].missade == 1
    assert Arende.objects.count() == 2


def test_vaxeln_kopplar_samtal_till_arendenummer(vaxel_klient, inloggad):
    """An event naming the ärende links the call to it; an unknown number stores nothing."""
    inloggad.post("/telefon/", {"fraga": "Fråga om bygglov", "val": "lost"})
    arende = _enda_arende()

    svar = _handelse(vaxel_klient, "s-5", "avslutat", T0, arende=arende.nummer.lower())
    okant = _handelse(vaxel_klient, "s-6", "avslutat", T0, arende="KC-1999-000001")

    assert svar.status_code == 201
    assert Samtal.objects.get(samtals_id="s-5").arende == arende
    assert okant.status_code == 400
    assert okant.json()["message"] == "Ärendet KC-1999-000001 finns inte."
    assert not Samtal.objects.filter(samtals_id="s-6").exists()


def test_lost_samtal_kostar_fa_fragor(
    inloggad, kategori_snabb, forvaltning_b, django_assert_max_num_queries
):
    """Registering a solved call is a bounded number of SQL queries, whatever the catalogue."""
    KategoriFactory.create_batch(100, forvaltning=forvaltning_b)

    # Session and roles 3, one transaction (no savepoints) 2, Medarbetare 1, suggestion 1,
    # number/ärende/event 3, closing 2; no kontakt given, none looked up.
    with django_assert_max_num_queries(12):
        svar = inloggad.post("/telefon/", {"fraga": "Trasig gatlampa", "val": "lost"})

    assert svar.status_code == 302
