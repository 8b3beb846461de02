"""Each measure on hand-built ärenden, checked against figures worked out by hand."""

from datetime import date

import pytest

from arenden import services
from arenden.models import Arende, Kanal, Utfall
from arenden.statistik.berakna import Urval, statistik_berakna
from arenden.statistik.tasks import statistik_uppdatera
from tests.factories import ArendeFactory
from tests.statistik.conftest import tid

AR_2026 = {"fran": date(2026, 1, 1), "till": date(2026, 12, 31)}


def berakna(kommun, **kwargs):
    """Refresh the summary views as Celery beat would, then compute."""
    statistik_uppdatera.apply()
    return statistik_berakna(
        urval=Urval(kommun_id=kommun.pk, **(AR_2026 | kwargs)), per_person=True
    )


def test_epost_inom_en_och_tva_arbetsdagar(kommun, epostfall):
    """Weekend, Easter, Christmas, unanswered, kvitto-only and reopened mails count by hand."""
    epost = berakna(kommun)["epost"]
    assert epost == {
        "antal": 8,
        "inom_en_arbetsdag": 4,
        "inom_tva_arbetsdagar": 5,
        "obesvarade": 2,
        "andel_inom_en_arbetsdag": 0.5,
        "andel_inom_tva_arbetsdagar": 0.625,
        "andel_obesvarade": 0.25,
        "medel_timmar": 28.17,
        "median_timmar": 23.0,
    }


def test_julexemplet_ar_inom_en_arbetsdag(kommun, epostfall):
    """In 2026-12-23 10:00, answered 2026-12-28 09:00: within one arbetsdag."""
    epost = berakna(kommun, fran=date(2026, 12, 1))["epost"]
    assert (epost["antal"], epost["inom_en_arbetsdag"], epost["median_timmar"]) == (1, 1, 23.0)


def test_ateroppnat_raknas_pa_forsta_svaret(kommun, epostfall):
    """A reopened and re-answered ärende keeps its first answer's time."""
    ateroppnat = epostfall[-1]
    ateroppnat.refresh_from_db()
    assert ateroppnat.forsta_svar == tid("2026-09-08 12:00")
    epost = berakna(kommun, fran=date(2026, 9, 1), till=date(2026, 9, 30))["epost"]
    assert (epost["antal"], epost["inom_en_arbetsdag"], epost["median_timmar"]) == (1, 1, 2.0)


def test_period_och_kanalfilter(kommun, epostfall):
    """Only ärenden inside the period and the kanal are counted; other kanaler give zero."""
    assert berakna(kommun, till=date(2026, 3, 31))["epost"]["antal"] == 2
    telefon = berakna(kommun, kanal=Kanal.TELEFON)
    assert telefon["antal"] == 0
    assert telefon["epost"]["andel_inom_en_arbetsdag"] is None


@pytest.fixture
def blandat(kommun, forvaltning_a, forvaltning_b, kategori_snabb, kategori_diarieford, vagledare):
    """Six ärenden in March 2026 with known outcomes.

    telefon ROSA 2 löst av kontaktcenter (vagledare) · telefon ROSA 1 kunskapsartikel
    (vagledare) · besök ROSA 3 eskalerat to A, then closed as löst (still not first contact)
    · e-tjänst ROSA 6 eskalerat to B · e-post ROSA 2 hänvisat · brev without ROSA, open
    """

    def skapa(kanal, rosa, kategori=None, inkom="2026-03-10 09:00"):
        return ArendeFactory(
            kanal=kanal, rosa=rosa, kategori=kategori, kommun=kommun, inkom=tid(inkom)
        )

    a1 = skapa(Kanal.TELEFON, 2, kategori_snabb, "2026-03-09 08:30")
    a2 = skapa(Kanal.TELEFON, 1, kategori_snabb, "2026-03-09 08:45")
    a3 = skapa(Kanal.BESOK, 3, kategori_snabb, "2026-03-10 13:10")
    a4 = skapa(Kanal.ETJANST, 6, kategori_diarieford, "2026-03-16 10:00")
    a5 = skapa(Kanal.EPOST, 2, kategori_snabb, "2026-03-17 10:00")
    skapa(Kanal.BREV, None, None, "2026-03-17 11:00")
    for arende, utfall in ((a1, Utfall.LOST_AV_KONTAKTCENTER), (a2, Utfall.KUNSKAPSARTIKEL)):
        arende = services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)
        services.arende_avsluta(arende=arende, av=vagledare, utfall=utfall)
    a3 = services.arende_eskalera(
        arende=a3, av=vagledare, forvaltning=forvaltning_a, orsak="Behöver handläggare"
    )
    services.arende_avsluta(arende=a3, av=vagledare, utfall=Utfall.LOST_AV_KONTAKTCENTER)
    services.arende_eskalera(
        arende=a4, av=vagledare, forvaltning=forvaltning_b, orsak="Ansökan", diariefor=False
    )
    services.arende_avsluta(arende=a5, av=vagledare, utfall=Utfall.HANVISAT)
    # a1 was answered in time, a2 after its due time.
    Arende.objects.filter(pk=a1.pk).update(forsta_svar=tid("2026-03-09 09:00"))
    Arende.objects.filter(pk=a2.pk).update(forsta_svar=tid("2026-03-11 09:00"))


def test_losningsgrad_rosa_sla_och_forvaltningar(kommun, forvaltning_a, forvaltning_b, blandat):
    """First-contact resolution, ROSA shares, SLA and per-förvaltning shares by hand."""
    s = berakna(kommun, fran=date(2026, 3, 1), till=date(2026, 3, 31))
    assert s["antal"] == 6
    # Closed: a1, a2, a3, a5 → solved a1, a2 (a3 was escalated, a5 referred) = 2/4.
    assert (s["forsta_kontakt"]["avslutade"], s["forsta_kontakt"]["losta"]) == (4, 2)
    assert s["forsta_kontakt"]["andel"] == 0.5
    per_kanal = {r["kanal"]: r for r in s["forsta_kontakt"]["per_kanal"]}
    assert per_kanal["telefon"]["andel"] == 1.0
    assert per_kanal["besok"]["andel"] == 0.0
    assert per_kanal["brev"]["andel"] is None
    # ROSA: five with a level; 1–4 are a1, a2, a3, a5 and one of them (a3) was escalated.
    rosa = s["rosa"]
    assert (rosa["med_niva"], rosa["utan_niva"]) == (5, 1)
    assert [r["antal"] for r in rosa["per_niva"]] == [1, 2, 1, 0, 0, 1, 0, 0]
    assert rosa["per_niva"][1]["andel"] == 0.4
    assert (rosa["niva_1_4"], rosa["niva_1_4_eskalerade"], rosa["andel_1_4_eskalerade"]) == (
        4, 1, 0.25,
    )  # fmt: skip
    # SLA: five have a kategori's due time (the brev has the default one too).
    assert s["sla"]["inom_svarstid"] == 1
    # Förvaltning: a1, a2, a3, a5 in A (kategori or escalation), a4 in B; brev has none.
    forv = s["per_forvaltning"]
    assert (forv["med_forvaltning"], forv["utan_forvaltning"]) == (5, 1)
    assert [(r["forvaltning"], r["antal"], r["andel"]) for r in forv["forvaltningar"]] == [
        (forvaltning_a.namn, 4, 0.8),
        (forvaltning_b.namn, 1, 0.2),
    ]
    # Volumes: weekday × hour (Monday 08:00 had two), weeks from Monday.
    assert {"veckodag": 1, "timme": 8, "antal": 2} in s["volym"]["veckodag_timme"]
    veckor = {r["period"]: r["antal"] for r in s["volym"]["per_vecka"]}
    assert (veckor["2026-03-09"], veckor["2026-03-16"]) == (3, 3)
    assert len(s["volym"]["per_dag"]) == 31
    assert s["volym"]["per_manad"][0]["per_kanal"]["telefon"] == 2


def test_per_medarbetare(kommun, vagledare, blandat):
    """Each medarbetare's ärenden and first-contact resolution."""
    s = berakna(kommun, fran=date(2026, 3, 1), till=date(2026, 3, 31))
    rad = next(r for r in s["per_medarbetare"] if r["anvandare_id"] == vagledare.pk)
    assert (rad["antal"], rad["avslutade"], rad["losta"], rad["andel"]) == (2, 2, 2, 1.0)
    assert rad["namn"] == "Anna Andersson"


def test_siffrorna_foljer_sammanstallningen(kommun, epostfall):
    """New ärenden show once the summary views are refreshed, not before."""
    berakna(kommun)
    ArendeFactory(kanal=Kanal.TELEFON, inkom=tid("2026-02-02 10:00"), kommun=kommun)
    urval = Urval(kommun_id=kommun.pk, **AR_2026)
    assert statistik_berakna(urval=urval, per_person=False)["antal"] == 8
    assert berakna(kommun)["antal"] == 9


def test_endast_nyckeltal_ger_samma_nyckeltal(kommun, blandat, epostfall):
    """The light computation for the previous period gives the same headline figures."""
    fullt = berakna(kommun)
    latt = statistik_berakna(
        urval=Urval(kommun_id=kommun.pk, **AR_2026), per_person=True, endast_nyckeltal=True
    )
    for nyckel in ("antal", "epost", "sla"):
        assert latt[nyckel] == fullt[nyckel]
    assert latt["forsta_kontakt"]["andel"] == fullt["forsta_kontakt"]["andel"]
    assert latt["rosa"]["andel_1_4_eskalerade"] == fullt["rosa"]["andel_1_4_eskalerade"]
    assert latt["per_medarbetare"] is None


@pytest.mark.parametrize(
    ("fran", "till", "forra_fran", "forra_till"),
    [
        (date(2026, 10, 1), date(2026, 10, 31), date(2026, 9, 1), date(2026, 9, 30)),
        (date(2026, 3, 1), date(2026, 3, 31), date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 1, 1), date(2026, 12, 31), date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 9), date(2026, 11, 15)),
        (date(2026, 1, 1), date(2026, 11, 23), date(2025, 2, 8), date(2025, 12, 31)),
    ],
)
def test_foregaende_period(fran, till, forra_fran, forra_till):
    """Whole months compare with the months before; other periods with as many days before."""
    forra = Urval(fran=fran, till=till).foregaende()
    assert (forra.fran, forra.till) == (forra_fran, forra_till)
