"""Business-day calendar for the contact center's KKiK response-time rules.

KKiK ("Kommunens Kvalitet i Korthet") measures whether e-mail is answered
"within one working day". A working day is any weekday that is neither a
Swedish public holiday nor one of the eves municipalities close on
(midsommarafton, julafton, nyårsafton). "N working days" means N x 24 hours
of time that falls on working days, measured in Stockholm wall-clock time.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TIDSZON = ZoneInfo("Europe/Stockholm")

_EN_DAG = timedelta(days=1)
_MIKROSEKUNDER_PER_DAG = 86_400_000_000


def _midsommarafton(ar: int) -> date:
    """Return midsommarafton, the Friday between 19 and 25 June."""
    forsta_mojliga = date(ar, 6, 19)
    return forsta_mojliga + timedelta(days=(4 - forsta_mojliga.weekday()) % 7)


@lru_cache(maxsize=64)
def _stangda_dagar(ar: int) -> frozenset[date]:
    """Return the non-weekend days of a year on which the center is closed."""
    # Sweden lists every Sunday as a holiday unless told otherwise; weekends are
    # handled by weekday() anyway, so keep the set small and the intent explicit.
    # The "de_facto" category holds the eves, which are not public holidays by
    # law but are days off in practice; they are also added by hand below so
    # the calendar does not depend on how a future holidays release files them.
    helgdagar = holidays.country_holidays(
        "SE", years=ar, include_sundays=False, categories=("public", "de_facto")
    )
    aftnar = {_midsommarafton(ar), date(ar, 12, 24), date(ar, 12, 31)}
    return frozenset(helgdagar) | aftnar


def ar_arbetsdag(dag: date) -> bool:
    """Return whether the contact center is open on the given date."""
    if isinstance(dag, datetime):
        # A datetime's calendar date depends on its zone; make the caller choose.
        raise TypeError("ar_arbetsdag() takes a date, not a datetime")
    return dag.weekday() < 5 and dag not in _stangda_dagar(dag.year)


def nasta_arbetsdag(dag: date) -> date:
    """Return the first working day strictly after the given date."""
    dag += _EN_DAG
    while not ar_arbetsdag(dag):
        dag += _EN_DAG
    return dag


def arbetsdagar_mellan(start: date, slut: date) -> int:
    """Return the number of working days in the half-open range [start, slut)."""
    antal = 0
    dag = start
    while dag < slut:
        antal += ar_arbetsdag(dag)
        dag += _EN_DAG
    return antal


def _lokal_naiv(tidpunkt: datetime, namn: str) -> datetime:
    """Convert an aware datetime to naive Stockholm wall-clock time."""
    if tidpunkt.tzinfo is None or tidpunkt.utcoffset() is None:
        raise ValueError(f"{namn} must be timezone-aware, got {tidpunkt!r}")
    return tidpunkt.astimezone(TIDSZON).replace(tzinfo=None)


def _som_timedelta(dagar: int | float | Decimal) -> timedelta:
    """Convert a number of days to a timedelta without float rounding surprises."""
    # timedelta() rejects Decimal, and going through str() keeps 0.1 days exact.
    mikrosekunder = Decimal(str(dagar)) * _MIKROSEKUNDER_PER_DAG
    return timedelta(microseconds=int(mikrosekunder.to_integral_value()))


def lagg_till_arbetsdagar(start: datetime, dagar: int | float | Decimal) -> datetime:
    """Return the moment N working days (N x 24 working-day hours) after start.

    Only time on working days counts, so a start on a closed day effectively
    begins at midnight of the next working day. The arithmetic runs on
    Stockholm wall-clock time so that a DST change does not move the due time.

    Raise ValueError if start is naive or dagar is negative.
    """
    kvar = _som_timedelta(dagar)
    if kvar < timedelta(0):
        raise ValueError(f"dagar must not be negative, got {dagar!r}")
    markor = _lokal_naiv(start, "start")
    if not kvar:
        return start.astimezone(TIDSZON)

    while True:
        dag = markor.date()
        if not ar_arbetsdag(dag):
            markor = datetime.combine(nasta_arbetsdag(dag), time())
            continue
        midnatt = datetime.combine(dag + _EN_DAG, time())
        if kvar <= midnatt - markor:
            markor += kvar
            break
        kvar -= midnatt - markor
        markor = midnatt

    # DST switches happen on Sundays, which never count, so the wall-clock
    # result cannot fall in a skipped or repeated hour.
    return markor.replace(tzinfo=TIDSZON)


def arbetstid_mellan(start: datetime, slut: datetime) -> timedelta:
    """Return the working-day time between two aware datetimes.

    This is the inverse of lagg_till_arbetsdagar(): the result is zero when
    slut is not after start. Raise ValueError if either datetime is naive.
    """
    fran = _lokal_naiv(start, "start")
    till = _lokal_naiv(slut, "slut")
    if slut <= start:
        return timedelta(0)

    summa = timedelta(0)
    dag = fran.date()
    while dag <= till.date():
        if ar_arbetsdag(dag):
            dagens_borjan = datetime.combine(dag, time())
            summa += min(till, dagens_borjan + _EN_DAG) - max(fran, dagens_borjan)
        dag += _EN_DAG
    return summa
