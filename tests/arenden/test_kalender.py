"""Tests for the KKiK business-day calendar."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from arenden.kalender import (
    TIDSZON,
    ar_arbetsdag,
    arbetsdagar_mellan,
    arbetstid_mellan,
    lagg_till_arbetsdagar,
    nasta_arbetsdag,
)


def lokal(*delar: int) -> datetime:
    """Build an aware Stockholm datetime."""
    return datetime(*delar, tzinfo=TIDSZON)


@pytest.mark.parametrize(
    ("dag", "forvantat"),
    [
        (date(2026, 12, 31), False),  # nyårsafton, Thursday
        (date(2026, 12, 24), False),  # julafton, Thursday
        (date(2026, 6, 19), False),  # midsommarafton, Friday
        (date(2025, 6, 20), False),  # midsommarafton, Friday
        (date(2025, 6, 6), False),  # nationaldagen, Friday
        (date(2026, 5, 14), False),  # Kristi himmelfärd, Thursday
        (date(2026, 4, 3), False),  # långfredagen
        (date(2026, 4, 6), False),  # annandag påsk
        (date(2026, 1, 6), False),  # trettondedag jul
        (date(2026, 11, 21), False),  # ordinary Saturday
        (date(2026, 11, 22), False),  # ordinary Sunday
        (date(2026, 11, 24), True),  # ordinary Tuesday
        (date(2026, 6, 18), True),  # day before midsommarafton
        (date(2026, 12, 30), True),  # day before nyårsafton
    ],
)
def test_ar_arbetsdag(dag, forvantat):
    """Weekends, public holidays and the closed eves are not working days."""
    assert ar_arbetsdag(dag) is forvantat


def test_ar_arbetsdag_vagrar_datetime():
    """A datetime is rejected because its calendar date depends on the zone."""
    with pytest.raises(TypeError):
        ar_arbetsdag(datetime(2026, 11, 24, 12, 0))


def test_nasta_arbetsdag_hoppar_over_helg_och_jul():
    """The next working day skips weekends and the Christmas holidays."""
    assert nasta_arbetsdag(date(2026, 11, 20)) == date(2026, 11, 23)
    assert nasta_arbetsdag(date(2026, 12, 23)) == date(2026, 12, 28)
    assert nasta_arbetsdag(date(2026, 11, 24)) == date(2026, 11, 25)


def test_arbetsdagar_mellan_ar_halvoppet():
    """Working days are counted in the half-open range [start, slut)."""
    assert arbetsdagar_mellan(date(2026, 11, 23), date(2026, 11, 30)) == 5
    assert arbetsdagar_mellan(date(2026, 12, 21), date(2027, 1, 4)) == 6
    assert arbetsdagar_mellan(date(2026, 11, 24), date(2026, 11, 24)) == 0
    assert arbetsdagar_mellan(date(2026, 11, 30), date(2026, 11, 23)) == 0


def test_fredag_eftermiddag_forfaller_mandag():
    """A mail on Friday afternoon is due Monday at the same time."""
    assert lagg_till_arbetsdagar(lokal(2026, 11, 20, 14), 1) == lokal(2026, 11, 23, 14)


def test_fredag_plus_tva_dagar_forfaller_tisdag():
    """Two working days from Friday afternoon end on Tuesday afternoon."""
    assert lagg_till_arbetsdagar(lokal(2026, 11, 20, 14), 2) == lokal(2026, 11, 24, 14)


def test_fore_jul_forfaller_efter_annandag():
    """A mail the day before julafton is due after annandag jul and the weekend."""
    assert lagg_till_arbetsdagar(lokal(2026, 12, 23, 10), 1) == lokal(2026, 12, 28, 10)


def test_lordag_borjar_raknas_mandag_midnatt():
    """A mail on Saturday starts counting at Monday midnight and is due Tuesday 00:00."""
    assert lagg_till_arbetsdagar(lokal(2026, 11, 21, 10), 1) == lokal(2026, 11, 24, 0)


def test_noll_dagar_ger_starttiden():
    """Adding zero working days returns the start itself."""
    start = lokal(2026, 11, 21, 10, 30)
    assert lagg_till_arbetsdagar(start, 0) == start


def test_paskhelgen_hoppas_over():
    """A mail on skärtorsdagen is due on the Tuesday after annandag påsk."""
    assert lagg_till_arbetsdagar(lokal(2026, 4, 2, 9), 1) == lokal(2026, 4, 7, 9)


def test_midsommar_hoppas_over():
    """A mail the day before midsommarafton is due on the following Monday."""
    assert lagg_till_arbetsdagar(lokal(2026, 6, 18, 15), 1) == lokal(2026, 6, 22, 15)


def test_sommartidens_slut_flyttar_inte_klockslaget():
    """The due time keeps its wall-clock hour across the end of DST."""
    resultat = lagg_till_arbetsdagar(lokal(2026, 10, 23, 14), 1)
    assert resultat == lokal(2026, 10, 26, 14)
    assert resultat.utcoffset() == timedelta(hours=1)
    # Same-zone subtraction is wall-clock, so compare real elapsed time in UTC.
    forflutet = resultat.astimezone(UTC) - lokal(2026, 10, 23, 14).astimezone(UTC)
    assert forflutet == timedelta(days=3, hours=1)


def test_sommartidens_borjan_flyttar_inte_klockslaget():
    """The due time keeps its wall-clock hour across the start of DST."""
    assert lagg_till_arbetsdagar(lokal(2026, 3, 27, 14), 1) == lokal(2026, 3, 30, 14)


def test_utc_indata_ger_lokal_tid():
    """A start given in UTC is counted in Stockholm time and returned in TIDSZON."""
    start = datetime(2026, 11, 20, 13, tzinfo=UTC)
    resultat = lagg_till_arbetsdagar(start, 1)
    assert resultat == lokal(2026, 11, 23, 14)
    assert resultat.tzinfo is TIDSZON


def test_bradelar_och_decimal():
    """Fractional days given as float or Decimal are counted exactly."""
    start = lokal(2026, 11, 20, 14)
    assert lagg_till_arbetsdagar(start, 0.5) == lokal(2026, 11, 23, 2)
    assert lagg_till_arbetsdagar(start, Decimal("0.25")) == lokal(2026, 11, 20, 20)


def test_naiv_tid_ger_valueerror():
    """Naive datetimes are rejected because their wall-clock meaning is unknown."""
    naiv = datetime(2026, 11, 20, 14)
    with pytest.raises(ValueError):
        lagg_till_arbetsdagar(naiv, 1)
    with pytest.raises(ValueError):
        arbetstid_mellan(naiv, lokal(2026, 11, 23, 14))
    with pytest.raises(ValueError):
        arbetstid_mellan(lokal(2026, 11, 20, 14), naiv)


def test_negativt_antal_dagar_ger_valueerror():
    """A negative number of working days is rejected."""
    with pytest.raises(ValueError):
        lagg_till_arbetsdagar(lokal(2026, 11, 20, 14), -1)


def test_arbetstid_mellan_fredag_och_mandag():
    """Friday 14:00 to Monday 14:00 is exactly one working day."""
    assert arbetstid_mellan(lokal(2026, 11, 20, 14), lokal(2026, 11, 23, 14)) == timedelta(days=1)


def test_arbetstid_mellan_ar_noll_bakat_i_tiden():
    """No working time passes when the end is not after the start."""
    start = lokal(2026, 11, 24, 10)
    assert arbetstid_mellan(start, start) == timedelta(0)
    assert arbetstid_mellan(start, lokal(2026, 11, 23, 10)) == timedelta(0)


def test_arbetstid_mellan_inom_helg_ar_noll():
    """Time spent entirely within a weekend is not working time."""
    assert arbetstid_mellan(lokal(2026, 11, 21, 8), lokal(2026, 11, 22, 20)) == timedelta(0)


def test_arbetstid_mellan_over_jul_och_nyar():
    """Only the working days between Christmas and Epiphany count."""
    # Working days in the span: 28, 29, 30 Dec 2026 and 4, 5 Jan 2027 (then 7 Jan 10:00).
    start = lokal(2026, 12, 23, 10)
    slut = lokal(2027, 1, 7, 10)
    forvantat = timedelta(hours=14) + timedelta(days=5) + timedelta(hours=10)
    assert arbetstid_mellan(start, slut) == forvantat


def test_arbetstid_mellan_over_ett_helt_ar():
    """A whole year's working time equals its number of working days."""
    start = lokal(2026, 1, 1, 0)
    slut = lokal(2027, 1, 1, 0)
    dagar = arbetsdagar_mellan(date(2026, 1, 1), date(2027, 1, 1))
    assert arbetstid_mellan(start, slut) == timedelta(days=dagar)
    assert 240 < dagar < 255


def test_arbetstid_mellan_ar_invers_till_lagg_till():
    """Working time to the due moment equals the days added, for many starting points."""
    start = lokal(2026, 1, 2, 7, 15)
    kontrollerade = 0
    for steg in range(600):
        tidpunkt = start + timedelta(hours=29 * steg)
        if not ar_arbetsdag(tidpunkt.date()):
            continue
        for dagar in (1, 2, Decimal("0.5"), 5):
            slut = lagg_till_arbetsdagar(tidpunkt, dagar)
            assert arbetstid_mellan(tidpunkt, slut) == timedelta(days=float(dagar)), tidpunkt
        kontrollerade += 1
    assert kontrollerade > 300
