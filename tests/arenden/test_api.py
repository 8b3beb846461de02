"""The ärende API as an integration meets it: create, errors, filters, paging, schema.

API keys are tested in tests/inloggning/test_api_nycklar.py.
"""

import base64
import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from arenden import selectors, services
from arenden.kalender import TIDSZON
from arenden.models import Arende, Handelse, Kanal, Kontakt, Status, Utfall
from tests.factories import ArendeFactory, ForvaltningFactory, KategoriFactory, KontaktFactory

pytestmark = pytest.mark.django_db


def nummer_i(svar) -> set[str]:
    assert svar.status_code == 200, svar.content
    return {rad["nummer"] for rad in svar.json()["results"]}


# ---------------------------------------------------------------------------------------
# Create


def test_skapa_arende_med_kontakt(api_client, vagledare, kategori_diarieford):
    """POST creates the ärende and its kontakt and answers 201 with a Location."""
    # when
    svar = api_client(vagledare).post(
        "/api/v1/arenden/",
        {
            "rubrik": "Ansökan om försörjningsstöd",
            "kanal": "telefon",
            "kategori": kategori_diarieford.pk,
            "kontakt": {
                "namn": "Karin Kvist",
                "epost": "Karin@Example.se",
                "personnummer": "811218-9876",
            },
        },
        format="json",
    )

    # then
    assert svar.status_code == 201, svar.content
    data = svar.json()
    assert re.fullmatch(r"KC-\d{4}-\d{6}", data["nummer"])
    assert svar["Location"] == f"/api/v1/arenden/{data['nummer']}/"
    assert data["status"] == "ny"
    assert data["forvaltning"] == {
        "id": kategori_diarieford.forvaltning_id,
        "namn": "Socialförvaltningen",
    }
    assert data["rosa"] == 6
    assert data["kontakt"] == {
        "namn": "Karin Kvist",
        "epost": "karin@example.se",
        "telefon": "",
        "personnummer": "19811218-****",
        "organisationsnummer": "",
    }
    kontakt = Kontakt.objects.get()
    assert kontakt.personnummer == "198112189876"
    arende = Arende.objects.get(nummer=data["nummer"])
    assert (arende.kontakt, arende.skapad_av) == (kontakt, vagledare)
    assert [h["typ"] for h in data["tidslinje"]] == ["skapat"]


def test_skapa_ateranvander_kand_kontakt(api_client, vagledare):
    """A second ärende from the same e-post address is linked to the same kontakt."""
    kand = KontaktFactory(namn="Karin Kvist", epost="karin@example.se")

    svar = api_client(vagledare).post(
        "/api/v1/arenden/",
        {"rubrik": "Igen", "kanal": "epost", "kontakt": {"epost": "karin@example.se"}},
        format="json",
    )

    assert svar.status_code == 201, svar.content
    assert Arende.objects.get(nummer=svar.json()["nummer"]).kontakt_id == kand.pk
    assert Kontakt.objects.count() == 1


def test_skapa_med_ogiltiga_falt_ger_valideringsfel(api_client, vagledare):
    """Bad fields answer 400 valideringsfel with a Swedish message and each field's error."""
    svar = api_client(vagledare).post(
        "/api/v1/arenden/", {"rubrik": "", "kanal": "brevduva", "rosa": 12}, format="json"
    )

    assert svar.status_code == 400
    data = svar.json()
    assert data["code"] == "valideringsfel"
    assert data["message"] == "Uppgifterna är inte giltiga. Rätta fälten och försök igen."
    assert set(data["extra"]["falt"]) == {"rubrik", "kanal", "rosa"}
    assert not Arende.objects.exists()


def test_skapa_med_ogiltigt_personnummer_skapar_inget(api_client, vagledare):
    """An invalid personnummer is refused with its own code; neither ärende nor kontakt."""
    svar = api_client(vagledare).post(
        "/api/v1/arenden/",
        {"rubrik": "Fråga", "kanal": "epost", "kontakt": {"personnummer": "811218-9875"}},
        format="json",
    )

    assert svar.status_code == 400
    assert svar.json()["code"] == "ogiltigt_personnummer"
    assert "811218-9875" in svar.json()["message"]
    assert not Arende.objects.exists()
    assert not Kontakt.objects.exists()


def test_handlaggare_kan_inte_registrera(api_client, handlaggare_a):
    """Registering ärenden is the contact center's job; a handläggare gets 403."""
    svar = api_client(handlaggare_a).post(
        "/api/v1/arenden/", {"rubrik": "Fråga", "kanal": "epost"}, format="json"
    )

    assert svar.status_code == 403
    assert svar.json()["code"] == "behorighet_saknas"
    assert not Arende.objects.exists()


def test_oinloggad_far_inte_inloggad(api_client):
    """Without a login every endpoint answers inte_inloggad in the error format."""
    svar = api_client().post("/api/v1/arenden/", {"rubrik": "x", "kanal": "epost"})

    assert svar.status_code in (401, 403)
    assert svar.json() == {"code": "inte_inloggad", "message": "Du måste logga in.", "extra": {}}


# ---------------------------------------------------------------------------------------
# Service errors leave as JSON with stable codes


@pytest.fixture
def arende(kommun, vagledare):
    return ArendeFactory(kommun=kommun, av=vagledare)


def test_atgardens_svar_ar_arendet_som_det_lases_efterat(
    api_client, kommun, vagledare, vagledare2, teamledare, kategori_snabb, forvaltning_b
):
    """Each action answers with what a read right after it gives (relations included)."""
    klient = api_client(teamledare)
    for atgard, data in (
        ("tilldela", {}),
        ("tilldela", {"anvandare": vagledare2.username, "ta_over": True}),
        ("svara", {"text": "Svar till kontakten."}),
        ("eskalera", {"forvaltning": forvaltning_b.pk, "orsak": "Bedömning.", "rosa": 4}),
        ("avsluta", {"utfall": "lost_av_kontaktcenter"}),
    ):
        arende = ArendeFactory(
            kommun=kommun, av=vagledare, kategori=kategori_snabb, kontakt=KontaktFactory()
        )
        if data.get("ta_over") or atgard == "avsluta":
            services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)
        url = f"/api/v1/arenden/{arende.nummer}/"
        svar = klient.post(f"{url}{atgard}/", data, format="json")

        assert svar.status_code == 200, (atgard, svar.content)
        assert svar.json() == klient.get(url).json(), atgard


def test_redan_tilldelat_ger_409(api_client, arende, vagledare, vagledare2):
    """Taking an ärende another vägledare holds answers 409 arende_redan_tilldelat."""
    services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)

    svar = api_client(vagledare2).post(f"/api/v1/arenden/{arende.nummer}/tilldela/", {})

    assert svar.status_code == 409
    assert svar.json() == {
        "code": "arende_redan_tilldelat",
        "message": f"Anna Andersson har redan tagit ärende {arende.nummer}.",
        "extra": {"tilldelad": "vagledare"},
    }


def test_inaktuell_version_ger_409(api_client, arende, vagledare, vagledare2):
    """A change based on a stale version answers 409 arende_inaktuellt and changes nothing."""
    services.arende_anteckna(arende=arende, av=vagledare2, text="Anteckningar ändrar inget.")
    services.arende_klassificera(arende=arende, av=vagledare2, rosa=3)

    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/", {"text": "Svar", "version": 1}, format="json"
    )

    assert svar.status_code == 409
    assert svar.json()["code"] == "arende_inaktuellt"
    assert svar.json()["extra"] == {"din_version": 1, "aktuell_version": 2}
    assert Arende.objects.get(pk=arende.pk).status == Status.NY


def test_aktuell_version_godtas(api_client, arende, vagledare):
    """The version the client read is accepted and the answer carries the next one."""
    las = api_client(vagledare).get(f"/api/v1/arenden/{arende.nummer}/").json()

    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/",
        {"text": "Svar", "version": las["version"]},
        format="json",
    )

    assert svar.status_code == 200, svar.content
    assert (svar.json()["status"], svar.json()["version"]) == ("besvarad", las["version"] + 1)


def test_ogiltig_status_ger_409(api_client, arende, vagledare):
    """Reopening an ärende that is not closed answers 409 ogiltig_status."""
    svar = api_client(vagledare).post(f"/api/v1/arenden/{arende.nummer}/ateroppna/", {})

    assert svar.status_code == 409
    assert svar.json()["code"] == "ogiltig_status"
    assert svar.json()["extra"] == {"status": "ny", "atgard": "ateroppna"}


def test_atgard_med_ogiltiga_falt_ger_valideringsfel(api_client, arende, vagledare):
    """An action with a missing field answers 400 valideringsfel naming the field."""
    svar = api_client(vagledare).post(f"/api/v1/arenden/{arende.nummer}/avsluta/", {})

    assert svar.status_code == 400
    assert svar.json()["code"] == "valideringsfel"
    assert set(svar.json()["extra"]["falt"]) == {"utfall"}


# ---------------------------------------------------------------------------------------
# Filters


@pytest.fixture
def ko(kommun, vagledare, vagledare2, kategori_snabb, kategori_diarieford):
    """Four ärenden that differ in every filtered field."""
    bas = datetime.combine(timezone.localdate() - timedelta(days=60), time(10), tzinfo=TIDSZON)
    a1 = ArendeFactory(
        kommun=kommun, av=vagledare, rubrik="Trasig gatlykta på Storgatan", kanal=Kanal.EPOST,
        kategori=kategori_snabb, inkom=bas, kontakt=KontaktFactory(namn="Karin Kvist"),
    )  # fmt: skip
    services.arende_tilldela(arende=a1, av=vagledare, till=vagledare)
    a2 = ArendeFactory(
        kommun=kommun, av=vagledare, rubrik="Ansökan om bistånd", kanal=Kanal.TELEFON,
        kategori=kategori_diarieford, inkom=bas + timedelta(days=3),
        kontakt=KontaktFactory(namn="Olle Olsson", epost="olle@example.se"),
    )  # fmt: skip
    a3 = ArendeFactory(
        kommun=kommun, av=vagledare, rubrik="Fråga om parkering", kanal=Kanal.BESOK, rosa=3,
        inkom=bas + timedelta(days=8),
    )  # fmt: skip
    services.arende_tilldela(arende=a3, av=vagledare2, till=vagledare2)
    services.arende_avsluta(arende=a3, av=vagledare2, utfall=Utfall.HANVISAT)
    a4 = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Anmälan om buller", kanal=Kanal.ETJANST)
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4}


def _dag(arende: Arende) -> str:
    return timezone.localtime(arende.inkom, TIDSZON).date().isoformat()


FILTER = [
    ("status=ny", {"a2", "a4"}),
    ("status=ny,avslutad", {"a2", "a3", "a4"}),
    ("status=ny&status=pagaende", {"a1", "a2", "a4"}),
    ("kanal=telefon", {"a2"}),
    ("kanal=epost,besok", {"a1", "a3"}),
    ("rosa=6", {"a2"}),
    ("rosa=2&rosa=3", {"a1", "a3"}),
    ("forvaltning={forvaltning_a}", {"a1"}),
    ("forvaltning={forvaltning_b}", {"a2"}),
    ("kategori={kategori_snabb}", {"a1"}),
    ("kategori={kategori_diarieford}", {"a2"}),
    ("tilldelad=mig", {"a1"}),
    ("tilldelad=ingen", {"a2", "a4"}),
    ("tilldelad={vagledare2}", {"a3"}),
    ("inkom_fran={dag_a2}&inkom_till={dag_a3}", {"a2", "a3"}),
    ("inkom_fran={dag_a3}", {"a3", "a4"}),
    ("inkom_till={dag_a1}", {"a1"}),
    ("q=gatlykta", {"a1"}),
    ("q=GATLYKTA PÅ STORGATAN", {"a1"}),
    ("q=olsson", {"a2"}),
    ("q=olle@example.se", {"a2"}),
    ("q={nummer_a3}", {"a3"}),
    ("q={nummer_a3_sma}", {"a3"}),
    ("q=KC-1999-000001", set()),
    ("forsenade=true", {"a1", "a2"}),
    ("kanal=epost&status=pagaende&tilldelad=mig", {"a1"}),
    ("", {"a1", "a2", "a3", "a4"}),
]


@pytest.mark.parametrize(("fraga", "forvantat"), FILTER, ids=[f[0] or "inget" for f in FILTER])
def test_filter(
    api_client, ko, vagledare, vagledare2, forvaltning_a, forvaltning_b,
    kategori_snabb, kategori_diarieford, fraga, forvantat,
):  # fmt: skip
    """Each filter returns exactly the ärenden that match it."""
    fraga = fraga.format(
        forvaltning_a=forvaltning_a.pk,
        forvaltning_b=forvaltning_b.pk,
        kategori_snabb=kategori_snabb.pk,
        kategori_diarieford=kategori_diarieford.pk,
        vagledare2=vagledare2.pk,
        dag_a1=_dag(ko["a1"]),
        dag_a2=_dag(ko["a2"]),
        dag_a3=_dag(ko["a3"]),
        nummer_a3=ko["a3"].nummer,
        nummer_a3_sma=ko["a3"].nummer.lower(),
    )

    svar = api_client(vagledare).get(f"/api/v1/arenden/?{fraga}")

    assert nummer_i(svar) == {ko[namn].nummer for namn in forvantat}


@pytest.mark.parametrize(
    ("fraga", "falt"),
    [
        ("status=stangd", "status"),
        ("inkom_fran=2026-03-10&inkom_till=2026-03-01", "inkom_till"),
        ("tilldelad=alla", "tilldelad"),
        ("antal=0", "antal"),
        ("ordning=rubrik", "ordning"),
    ],
)
def test_ogiltigt_filter_ger_valideringsfel(api_client, vagledare, fraga, falt):
    """A filter value that makes no sense answers 400 naming the parameter."""
    svar = api_client(vagledare).get(f"/api/v1/arenden/?{fraga}")

    assert svar.status_code == 400
    assert svar.json()["code"] == "valideringsfel"
    assert falt in svar.json()["extra"]["falt"]


def test_listan_visar_kontakt_och_tom_kontakt(api_client, ko, vagledare):
    """The list names the kontakt, and says null (not a Python repr) when there is none."""
    rader = {
        r["nummer"]: r for r in api_client(vagledare).get("/api/v1/arenden/").json()["results"]
    }

    assert rader[ko["a1"].nummer]["kontakt"] == "Karin Kvist"
    assert rader[ko["a4"].nummer]["kontakt"] is None
    assert rader[ko["a1"].nummer]["tilldelad"] == "vagledare"
    assert rader[ko["a1"].nummer]["forsenat"] is True
    assert rader[ko["a4"].nummer]["forsenat"] is False


# ---------------------------------------------------------------------------------------
# Cursor pagination


@pytest.fixture
def manga(kommun, vagledare, kategori_snabb):
    """Nine ärenden; three share one inkom and two another, so ties must be broken by id."""
    bas = datetime(2026, 3, 2, 9, 0, tzinfo=TIDSZON)
    tider = [
        bas,
        bas + timedelta(hours=1),
        bas + timedelta(hours=1),
        bas + timedelta(hours=1),
        bas + timedelta(hours=2),
        bas + timedelta(days=1),
        bas + timedelta(days=1),
        bas + timedelta(days=2),
        bas + timedelta(days=3),
    ]
    return [
        ArendeFactory(kommun=kommun, av=vagledare, kategori=kategori_snabb, inkom=t) for t in tider
    ]


@pytest.mark.parametrize(
    ("ordning", "nyckel"),
    [
        ("-inkom", lambda a: (-a.inkom.timestamp(), -a.pk)),
        ("svar_senast", lambda a: (a.svar_senast.timestamp(), a.pk)),
    ],
)
def test_markoren_gar_igenom_alla_utan_dubbletter_eller_luckor(
    api_client, manga, vagledare, ordning, nyckel
):
    """Following `next` with antal=2 visits every row once, in order, ties included."""
    klient = api_client(vagledare)
    forvantat = [a.nummer for a in sorted(Arende.objects.all(), key=nyckel)]
    sedda, sidor = [], 0

    adress = f"/api/v1/arenden/?antal=2&ordning={ordning}"
    while adress:
        svar = klient.get(adress)
        assert svar.status_code == 200, svar.content
        rader = svar.json()["results"]
        assert 1 <= len(rader) <= 2
        sedda += [r["nummer"] for r in rader]
        adress = svar.json()["next"]
        sidor += 1

    assert sedda == forvantat
    assert sidor == 5


def test_markoren_behaller_filtret(api_client, manga, vagledare):
    """The next link keeps the filter, so paging a filtered list stays filtered."""
    klient = api_client(vagledare)
    services.arende_avsluta(arende=manga[0], av=vagledare, utfall=Utfall.HANVISAT)

    forsta = klient.get("/api/v1/arenden/?antal=5&status=ny").json()
    andra = klient.get(forsta["next"]).json()

    sedda = [r["nummer"] for r in forsta["results"] + andra["results"]]
    assert len(sedda) == 8
    assert manga[0].nummer not in sedda
    assert andra["next"] is None


@pytest.mark.parametrize(
    "markor",
    [
        "inte-en-markor",
        base64.urlsafe_b64encode(b"hej").decode(),
        base64.urlsafe_b64encode(b"2026-03-02T09:00:00+01:00|abc").decode(),
        base64.urlsafe_b64encode(b"igar|12").decode(),
        base64.urlsafe_b64encode(b"2026-13-02T09:00:00+01:00|12").decode(),
    ],
)
def test_ogiltig_markor_ger_400(api_client, vagledare, markor):
    """A cursor that was not made by the API answers 400 ogiltig_markor."""
    svar = api_client(vagledare).get("/api/v1/arenden/", {"cursor": markor})

    assert svar.status_code == 400
    assert svar.json()["code"] == "ogiltig_markor"


# ---------------------------------------------------------------------------------------
# Schema and catalogues


def test_openapi_schemat(api_client):
    """/api/schema/ is a valid OpenAPI 3 document describing every ärende endpoint."""
    svar = api_client().get("/api/schema/", {"format": "json"})

    assert svar.status_code == 200
    schema = svar.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    atgarder = [
        "tilldela", "klassificera", "svara", "anteckna", "eskalera", "vanta", "avsluta",
        "ateroppna", "sla-ihop", "parkera", "aterlamna",
    ]  # fmt: skip
    # Other apps (kanaler, kunskapsbank) add their own paths to the same schema.
    assert set(schema["paths"]) >= {
        "/api/v1/arenden/",
        "/api/v1/arenden/{nummer}/",
        *(f"/api/v1/arenden/{{nummer}}/{a}/" for a in atgarder),
        "/api/v1/forvaltningar/",
        "/api/v1/kategorier/",
    }
    lista = schema["paths"]["/api/v1/arenden/"]
    assert {"get", "post"} <= set(lista)
    assert {p["name"] for p in lista["get"]["parameters"]} >= {
        "status", "kanal", "rosa", "forvaltning", "kategori", "tilldelad", "inkom_fran",
        "inkom_till", "q", "forsenade", "ordning", "antal", "cursor",
    }  # fmt: skip


def test_forvaltningar(api_client, vagledare, forvaltning_a, forvaltning_b, kommun):
    """The förvaltningar endpoint lists the active ones by name."""
    ForvaltningFactory(kommun=kommun, namn="Nedlagda förvaltningen", aktiv=False)

    svar = api_client(vagledare).get("/api/v1/forvaltningar/")

    assert svar.status_code == 200
    assert svar.json() == [
        {"id": forvaltning_a.pk, "namn": "Samhällsbyggnadsförvaltningen",
         "kommun": "Exempelkommun", "epost": forvaltning_a.epost},
        {"id": forvaltning_b.pk, "namn": "Socialförvaltningen",
         "kommun": "Exempelkommun", "epost": forvaltning_b.epost},
    ]  # fmt: skip


def test_kategorier(api_client, vagledare, kategori_snabb, kategori_diarieford):
    """The kategorier endpoint lists active ärendetyper with förvaltning, SLA and diarieföring."""
    KategoriFactory(forvaltning=kategori_snabb.forvaltning, namn="Gammal typ", aktiv=False)

    svar = api_client(vagledare).get("/api/v1/kategorier/")

    assert svar.status_code == 200
    assert svar.json() == [
        {
            "id": kategori_snabb.pk,
            "namn": "Felanmälan gata",
            "forvaltning": {
                "id": kategori_snabb.forvaltning_id,
                "namn": "Samhällsbyggnadsförvaltningen",
            },
            "standard_rosa": 2,
            "sla_arbetsdagar": 1,
            "diarieford": False,
        },
        {
            "id": kategori_diarieford.pk,
            "namn": "Ansökan om försörjningsstöd",
            "forvaltning": {
                "id": kategori_diarieford.forvaltning_id,
                "namn": "Socialförvaltningen",
            },
            "standard_rosa": 6,
            "sla_arbetsdagar": 5,
            "diarieford": True,
        },
    ]


@pytest.mark.parametrize("adress", ["/api/v1/forvaltningar/", "/api/v1/kategorier/"])
def test_kataloger_kraver_inloggning(api_client, adress):
    """The catalogues are for staff and integrations, not the public."""
    svar = api_client().get(adress)

    assert svar.status_code in (401, 403)
    assert svar.json()["code"] == "inte_inloggad"


def test_detalj_visar_tidslinje_och_meddelanden(api_client, kommun, vagledare):
    """Detail carries the timeline and the messages, oldest first."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_ta_emot_meddelande(arende=arende, kanal=Kanal.EPOST, text="Fråga?")
    services.arende_svara(arende=arende, av=vagledare, text="Svar!")

    data = api_client(vagledare).get(f"/api/v1/arenden/{arende.nummer}/").json()

    assert [h["typ"] for h in data["tidslinje"]] == [
        Handelse.Typ.SKAPAT, Handelse.Typ.MEDDELANDE_IN, Handelse.Typ.SVAR,
    ]  # fmt: skip
    assert [(m["riktning"], m["text"]) for m in data["meddelanden"]] == [
        ("in", "Fråga?"),
        ("ut", "Svar!"),
    ]
    assert data["tidslinje"][2]["aktor"] == "vagledare"


@pytest.mark.parametrize(
    "sokning", ["0701234567", "070-123 45 67", "+46 70 123 45 67", "kc-2026-1", "KC-2026-000001"]
)
def test_fritext_hittar_telefon_och_ararendenummer_hur_de_an_skrivs(api_client, vagledare, sokning):
    """A phone number or ärendenummer is found however it is typed."""
    kontakt = services.kontakt_hitta_eller_skapa(namn="Olle Test", telefon="070-123 45 67")
    arende = services.arende_skapa(
        rubrik="Fråga",
        kanal="telefon",
        av=vagledare,
        kontakt=kontakt,
        inkom=datetime(2026, 3, 2, 10, tzinfo=TIDSZON),
    )
    assert arende.nummer == "KC-2026-000001"

    svar = api_client(vagledare).get("/api/v1/arenden/", {"q": sokning})

    assert [r["nummer"] for r in svar.json()["results"]] == [arende.nummer]


@pytest.mark.parametrize("grans", [1000, 2], ids=["id-lista", "underfraga"])
def test_namnsokning_ger_samma_svar_for_sallsynta_och_vanliga_namn(
    api_client, vagledare, monkeypatch, grans
):
    """A name search finds the same ärenden whether the name is rare or common.

    Below the limit the kontakt ids go as a list, above it as a subquery; both must agree.
    """
    monkeypatch.setattr(selectors, "KONTAKT_LISTGRANS", grans)
    vantade = set()
    for fornamn in ("Ada", "Bo", "Cia"):
        kontakt = services.kontakt_hitta_eller_skapa(namn=f"{fornamn} Lindqvist")
        vantade.add(
            services.arende_skapa(
                rubrik="Fråga", kanal="telefon", av=vagledare, kontakt=kontakt
            ).nummer
        )
    annan = services.kontakt_hitta_eller_skapa(namn="Dan Berg")
    services.arende_skapa(rubrik="Fråga", kanal="telefon", av=vagledare, kontakt=annan)

    svar = api_client(vagledare).get("/api/v1/arenden/", {"q": "lindqvist"})

    assert {r["nummer"] for r in svar.json()["results"]} == vantade


@pytest.mark.parametrize("adress", ["/api/docs/", "/api/redoc/"])
def test_dokumentationssidan_visas_med_lokala_filer(client, vagledare, adress):
    """The API documentation page renders for staff and loads its assets from our server."""
    client.force_login(vagledare)

    svar = client.get(adress)

    assert svar.status_code == 200
    html = svar.content.decode()
    # Swagger's start-up script is a file of its own (no inline script under the CSP).
    skript = client.get(adress, {"script": ""}).content.decode() if "docs" in adress else ""
    assert "/api/schema/" in html + skript
    # No CDN: a municipal network often blocks them.
    assert "cdn." not in html and "unpkg" not in html
