"""The calendar table counts working time exactly as arenden.kalender does."""

import random
from datetime import date, datetime, timedelta

from arenden.kalender import TIDSZON, ar_arbetsdag, arbetstid_mellan
from arenden.models import Arbetsdag
from arenden.statistik.kalendertabell import arbetsdag_fyll, arbetstid_i_sql
from tests.statistik.conftest import tid


def test_tabellen_har_kalenderns_arbetsdagar(db):
    """Every date of 2024–2028 in the table is a working day exactly when the calendar says so."""
    rader = Arbetsdag.objects.filter(datum__gte=date(2024, 1, 1), datum__lte=date(2028, 12, 31))
    assert rader.count() == 1827
    assert all(r.ar_arbetsdag == ar_arbetsdag(r.datum) for r in rader)


def test_tabellen_forlangs_vid_behov(db):
    """Asking for a date past the table's end adds the missing days, continuing the count."""
    sista = Arbetsdag.objects.order_by("-datum").first()
    tillagda = arbetsdag_fyll(till=sista.datum + timedelta(days=10))
    assert tillagda == 10
    ny = Arbetsdag.objects.get(datum=sista.datum + timedelta(days=1))
    assert ny.arbetsdagar_fore == sista.arbetsdagar_fore + int(sista.ar_arbetsdag)
    assert arbetsdag_fyll(till=sista.datum + timedelta(days=10)) == 0


def test_sql_och_python_ger_samma_arbetstid(db):
    """PostgreSQL and arbetstid_mellan agree on hand-picked and random pairs (DST included)."""
    par = [
        (tid("2026-12-23 10:00"), tid("2026-12-28 09:00")),
        (tid("2026-04-02 12:00"), tid("2026-04-07 11:00")),
        (tid("2026-03-27 16:30"), tid("2026-03-30 08:15")),  # over the spring DST switch
        (tid("2026-10-23 23:00"), tid("2026-10-26 01:00")),  # over the autumn DST switch
        (tid("2026-06-18 12:00"), tid("2026-06-22 12:00")),  # midsommarafton
        (tid("2026-12-30 12:00"), tid("2027-01-04 12:00")),  # nyårsafton and nyårsdagen
        (tid("2026-05-02 10:00"), tid("2026-05-03 10:00")),  # only weekend: zero
        (tid("2026-05-05 10:00"), tid("2026-05-04 10:00")),  # reversed: zero
    ]
    slump = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=TIDSZON)
    for _ in range(300):
        a = start + timedelta(minutes=slump.randrange(3 * 365 * 24 * 60))
        par.append((a, a + timedelta(minutes=slump.randrange(20 * 24 * 60))))
    assert arbetstid_i_sql(par=par) == [arbetstid_mellan(a, b) for a, b in par]
    assert arbetstid_i_sql(par=par[:1]) == [timedelta(hours=23)]
