"""The sections other apps add: telefon and kunskapsbank, on hand-built calls and articles."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from arenden.models import Arende, Kanal, Status, Utfall
from arenden.statistik.tasks import statistik_uppdatera
from kanaler.telefon.models import Samtal
from kunskapsbank.models import Anvandning, Kunskapsartikel, Sokning
from tests.factories import ArendeFactory
from tests.statistik.conftest import tid

FRAGA = {"fran": "2026-01-01", "till": "2026-12-31"}


def samtal(namn: str, *, ko: str = "Växel", inkom: str, **handelser) -> Samtal:
    """A call as the växel reported it; the events' times are minutes after it came in."""
    borjan = tid(inkom)
    return Samtal.objects.create(
        samtals_id=namn,
        ko=ko,
        inkom=borjan,
        **{
            falt: (borjan + timedelta(minutes=varde)) if isinstance(varde, int) else varde
            for falt, varde in handelser.items()
        },
    )


def arende(kommun, **falt) -> Arende:
    a = ArendeFactory(kanal=Kanal.TELEFON, inkom=tid("2026-03-02 09:00"), kommun=kommun)
    Arende.objects.filter(pk=a.pk).update(**falt)
    return a


@pytest.fixture
def samtalen(kommun):
    """Eight calls; the hand results are in the test below.

    Växel: A answered, its ärende solved by the contact center; B answered, its ärende
    escalated; C missed, callback ärende closed; D missed, callback ärende still new; E
    missed and later answered (answered, not missed); G came in 00:30 on New Year's Day
    (inside the period) with no further event; H came in 23:59 on New Year's Eve 2025
    (outside). Bygglov: F answered, solved with a kunskapsartikel.
    """
    lost = arende(kommun, utfall=Utfall.LOST_AV_KONTAKTCENTER, status=Status.AVSLUTAD)
    eskalerat = arende(kommun, utfall=Utfall.ESKALERAT, eskalerad=timezone.now())
    klar = arende(kommun, status=Status.AVSLUTAD, utfall=Utfall.LOST_AV_KONTAKTCENTER)
    ny = arende(kommun)
    artikel = arende(kommun, utfall=Utfall.KUNSKAPSARTIKEL, status=Status.AVSLUTAD)
    samtal("A", inkom="2026-03-02 09:00", besvarat=1, arende=lost)
    samtal("B", inkom="2026-03-02 10:00", besvarat=2, arende=eskalerat)
    samtal("C", inkom="2026-03-03 11:00", missat=2, aterringning=klar)
    samtal("D", inkom="2026-03-03 12:00", missat=1, aterringning=ny)
    samtal("E", inkom="2026-03-03 13:00", missat=1, besvarat=3)
    samtal("G", inkom="2026-01-01 00:30")
    samtal("H", inkom="2025-12-31 23:59", besvarat=1)
    samtal("F", ko="Bygglov", inkom="2026-03-04 08:00", besvarat=1, arende=artikel)
    statistik_uppdatera.apply()


def test_telefon_per_ko_och_totalt(api_client, teamledare, samtalen):
    """Calls count per kö and in total by when they came in, as computed by hand."""
    t = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()["telefon"]
    bygglov, vaxel = t["per_ko"]
    assert vaxel == {
        "ko": "Växel",
        "inkommande": 6,
        "besvarade": 3,
        "missade": 2,
        "svarsfrekvens": 0.5,
        "losta_forsta_kontakt": 1,
        "andel_losta_forsta_kontakt": 0.3333,
        "aterringningar": 2,
        "aterringningar_gjorda": 1,
    }
    assert bygglov["inkommande"] == 1 and bygglov["andel_losta_forsta_kontakt"] == 1.0
    assert (t["inkommande"], t["besvarade"], t["missade"]) == (7, 4, 2)
    assert t["svarsfrekvens"] == 0.5714
    assert (t["losta_forsta_kontakt"], t["andel_losta_forsta_kontakt"]) == (2, 0.5)
    assert (t["aterringningar"], t["aterringningar_gjorda"]) == (2, 1)


def test_telefon_galler_inte_annan_kanal_eller_forvaltning(
    api_client, teamledare, forvaltning_a, samtalen
):
    """With another kanal or a förvaltning filter the telefon section is null."""
    klient = api_client(teamledare)
    assert klient.get("/api/v1/statistik/", {**FRAGA, "kanal": "epost"}).json()["telefon"] is None
    svar = klient.get("/api/v1/statistik/", {**FRAGA, "forvaltning": forvaltning_a.pk}).json()
    assert svar["telefon"] is None
    assert (
        klient.get("/api/v1/statistik/", {**FRAGA, "kanal": "telefon"}).json()["telefon"][
            "inkommande"
        ]
        == 7
    )


def test_telefon_i_kkik_rapport_panel_och_csv(client, api_client, teamledare, samtalen):
    """The KKiK sheet, the dashboard's telefon table and its CSV carry the same figures."""
    client.force_login(teamledare)
    bok = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx", FRAGA).content))
    kkik = {r[0]: r[1] for r in bok["KKiK-rapport"].iter_rows(min_row=3, values_only=True)}
    assert kkik["Inkommande samtal"] == 7
    assert kkik["Svarsfrekvens telefon"] == 0.5714
    assert kkik["Gjorda återuppringningar"] == 1
    rader = list(bok["Telefoni"].iter_rows(min_row=3, max_row=5, values_only=True))
    assert ("Växel", 6, 3, 2, 0.5, 1, 0.3333, 2, 1) in rader
    html = client.get("/statistik/", FRAGA).content.decode()
    assert '<th scope="row">Växel</th><td>6</td><td>3</td><td>2</td><td>50,0 %</td>' in html
    assert 'data-nyckel="telefon.svarsfrekvens" data-varde="0.5714"' in html
    text = client.get("/statistik/export.csv", {**FRAGA, "tabell": "telefon"}).content
    assert "Totalt;7;4;2;0,5714;2;0,5;2;1" in text.decode("utf-8-sig")


@pytest.fixture
def artiklarna(kommun, forvaltning_a, vagledare):
    """Four ärenden in 2026 and one in 2025; two articles; five searches.

    X answered ärenden 1 (at first contact) and 2; Y answered ärende 2 and the 2025 one.
    Searches in 2026: "parkering" twice without hits, "bygglov" with hits never used,
    "skola" with hits used; in 2025 "gammal" without hits.
    Hand results: 2 of 4 ärenden with an article (0.5), 1 at first contact; X 2, Y 1;
    4 searches, 2 without hits, 1 never used; luckor parkering (2, 2, 0), bygglov (1, 0, 1).
    """
    i_ar = [ArendeFactory(inkom=tid(f"2026-05-0{d} 10:00"), kommun=kommun) for d in range(4, 8)]
    fjol = ArendeFactory(inkom=tid("2025-05-04 10:00"), kommun=kommun)
    x = Kunskapsartikel.objects.create(fraga="Hur söker jag bygglov?", svar="Så här.",
                                       forvaltning=forvaltning_a)  # fmt: skip
    y = Kunskapsartikel.objects.create(fraga="När töms soporna?", svar="Varannan vecka.",
                                       forvaltning=forvaltning_a)  # fmt: skip
    Anvandning.objects.create(artikel=x, arende=i_ar[0], forsta_kontakt=True)
    Anvandning.objects.create(artikel=x, arende=i_ar[1])
    Anvandning.objects.create(artikel=y, arende=i_ar[1])
    Anvandning.objects.create(artikel=y, arende=fjol)
    for text, traffar, anvand, nar in (
        ("parkering", 0, False, "2026-02-01 10:00"),
        ("parkering", 0, False, "2026-03-01 10:00"),
        ("bygglov", 3, False, "2026-03-01 11:00"),
        ("skola", 2, True, "2026-03-01 12:00"),
        ("gammal", 0, False, "2025-03-01 12:00"),
    ):
        Sokning.objects.create(text=text, antal_traffar=traffar, anvand=anvand, tid=tid(nar))
    statistik_uppdatera.apply()
    return x, y


def test_kunskapsbank_andel_mest_anvanda_och_luckor(api_client, teamledare, artiklarna):
    """Articles count on the period's ärenden, searches on when they were made."""
    x, y = artiklarna
    k = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()["kunskapsbank"]
    assert k["arenden_med_artikel"] == 2
    assert k["andel_med_artikel"] == 0.5
    assert k["forsta_kontakt_med_artikel"] == 1
    assert k["mest_anvanda"] == [
        {"artikel_id": x.pk, "fraga": "Hur söker jag bygglov?", "antal": 2},
        {"artikel_id": y.pk, "fraga": "När töms soporna?", "antal": 1},
    ]
    assert (k["sokningar"], k["sokningar_utan_traff"], k["sokningar_aldrig_anvanda"]) == (4, 2, 1)
    assert k["luckor"] == [
        {"text": "parkering", "antal": 2, "utan_traff": 2, "aldrig_anvand": 0},
        {"text": "bygglov", "antal": 1, "utan_traff": 0, "aldrig_anvand": 1},
    ]


def test_kunskapsbank_pa_panelen_och_i_xlsx(client, teamledare, artiklarna):
    """The dashboard and the XLSX show the same kunskapsbank figures."""
    client.force_login(teamledare)
    html = client.get("/statistik/", FRAGA).content.decode()
    assert 'data-nyckel="kunskapsbank.andel_med_artikel" data-varde="0.5"' in html
    assert '<th scope="row">parkering</th><td>2</td><td>2</td><td>0</td>' in html
    bok = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx", FRAGA).content))
    mest = list(bok["Mest använda kunskapsartiklar"].iter_rows(min_row=3, values_only=True))
    assert mest[:2] == [("Hur söker jag bygglov?", 2), ("När töms soporna?", 1)]
    kb = {r[0]: r[2] for r in bok["Kunskapsbank"].iter_rows(min_row=3, values_only=True)}
    assert kb["Ärenden besvarade med artikel"] == 0.5


def test_schemat_dokumenterar_avsnittens_nycklar(api_client, teamledare):
    """The OpenAPI schema documents every key of the telefon, kunskapsbank and survey sections."""
    schema = api_client(teamledare).get("/api/schema/", {"format": "json"}).json()
    delar = schema["components"]["schemas"]
    assert {"svarsfrekvens", "aterringningar_gjorda", "per_ko"} <= set(
        delar["TelefonOut"]["properties"]
    )
    assert "ko" not in delar["TelefonOut"]["properties"]
    assert {"andel_med_artikel", "mest_anvanda", "luckor"} <= set(
        delar["KunskapsbankOut"]["properties"]
    )
    assert {"enkelhet_index", "bemotande_antal", "per_kanal"} <= set(
        delar["ServicematningOut"]["properties"]
    )


def test_besok_per_typ(client, api_client, teamledare, kommun):
    """Visits count per besökstyp by when they were registered, Swedish days; shown on the page.

    Two bokat and one hantverkare in 2026, one bokat at 23:30 on New Year's Eve 2025 (out).
    """
    from kanaler.besok.models import Besok

    for typ, nar in (
        ("bokat", "2026-02-02 10:00"),
        ("bokat", "2026-02-03 10:00"),
        ("hantverkare", "2026-02-03 11:00"),
        ("bokat", "2025-12-31 23:30"),
    ):
        a = ArendeFactory(kanal=Kanal.BESOK, inkom=tid(nar), kommun=kommun)
        Besok.objects.create(arende=a, besokstyp=typ, tid=tid(nar))
    b = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()["besok"]
    per = {r["typ"]: (r["antal"], r["andel"]) for r in b["per_typ"]}
    assert b["antal"] == 3
    assert per["bokat"] == (2, 0.6667) and per["hantverkare"] == (1, 0.3333)
    assert per["aktiv"] == (0, 0.0)
    svar = api_client(teamledare).get("/api/v1/statistik/", {**FRAGA, "kanal": "epost"})
    assert svar.json()["besok"] is None
    client.force_login(teamledare)
    html = client.get("/statistik/", FRAGA).content.decode()
    assert '<th scope="row">Bokat besök</th><td>2</td><td>66,7 %</td>' in html
