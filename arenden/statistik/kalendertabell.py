"""The calendar table `Arbetsdag`: `arenden.kalender` written out so SQL can count working time.

Working time between two moments t1 < t2 (Stockholm wall-clock time) is W(t2) - W(t1), where

    W(t) = arbetsdagar_fore(date(t)) * 86400 + (seconds since midnight of t, if date(t) is a
           working day, else 0)

which is exactly what `arenden.kalender.arbetstid_mellan` sums day by day.
"""

from datetime import date, datetime, timedelta

from django.db import connection, transaction

from arenden import kalender
from arenden.models import Arbetsdag

# The first date in the table; every cumulative count starts here.
FORSTA_DATUM = date(2000, 1, 1)
# How far the migration fills; statistics for later dates extend the table on demand.
SISTA_DATUM_VID_START = date(2060, 12, 31)

# SQL expression for W(t) in seconds, given a local (naive) timestamp and its calendar row.
# `{t}` is a timestamp without zone in Stockholm time, `{d}` the alias of its Arbetsdag row.
W_SQL = (
    "({d}.arbetsdagar_fore * 86400.0 + CASE WHEN {d}.ar_arbetsdag "
    "THEN EXTRACT(EPOCH FROM {t} - {d}.datum::timestamp) ELSE 0 END)"
)


@transaction.atomic
def arbetsdag_fyll(*, till: date, model=Arbetsdag) -> int:
    """Make the table cover FORSTA_DATUM..till (inclusive); return how many rows were added.

    Idempotent: existing rows are kept and the cumulative count continues from the last one.
    `model` lets a data migration pass its historical model.
    """
    sista = model.objects.order_by("-datum").first()
    if sista is None:
        dag, fore = FORSTA_DATUM, 0
    else:
        if sista.datum >= till:
            return 0
        dag = sista.datum + timedelta(days=1)
        fore = sista.arbetsdagar_fore + int(sista.ar_arbetsdag)
    rader = []
    while dag <= till:
        arbetsdag = kalender.ar_arbetsdag(dag)
        rader.append(model(datum=dag, ar_arbetsdag=arbetsdag, arbetsdagar_fore=fore))
        fore += int(arbetsdag)
        dag += timedelta(days=1)
    # Two callers extending at once compute identical rows; the second one's are skipped.
    model.objects.bulk_create(rader, batch_size=2000, ignore_conflicts=True)
    return len(rader)


def arbetsdag_sakerstall(*, till: date) -> None:
    """Extend the table if a statistics period reaches past its last date."""
    if not Arbetsdag.objects.filter(datum__gte=till).exists():
        arbetsdag_fyll(till=till)


def arbetstid_i_sql(*, par: list[tuple[datetime, datetime]]) -> list[timedelta]:
    """Return the working time of each (start, slut) pair as PostgreSQL computes it.

    The same expression the statistics use; tests compare it with
    `arenden.kalender.arbetstid_mellan`.
    """
    if not par:
        return []
    arbetsdag_sakerstall(till=max(max(s, e) for s, e in par).date() + timedelta(days=1))
    tz = kalender.TIDSZON.key
    varden = ", ".join(["(%s::int, %s::timestamptz, %s::timestamptz)"] * len(par))
    params: list = []
    for i, (start, slut) in enumerate(par):
        params += [i, start, slut]
    sql = (
        "SELECT p.i, GREATEST(0, {w_slut} - {w_start}) FROM (VALUES {varden}) AS p(i, s, e) "
        "JOIN arenden_arbetsdag ds ON ds.datum = (p.s AT TIME ZONE %s)::date "
        "JOIN arenden_arbetsdag de ON de.datum = (p.e AT TIME ZONE %s)::date ORDER BY p.i"
    ).format(
        varden=varden,
        w_slut=W_SQL.format(d="de", t=f"(p.e AT TIME ZONE '{tz}')"),
        w_start=W_SQL.format(d="ds", t=f"(p.s AT TIME ZONE '{tz}')"),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, tz, tz])
        return [timedelta(seconds=float(sekunder)) for _, sekunder in cursor.fetchall()]
