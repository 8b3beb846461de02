"""Reads of the telefon channel: telephony figures per queue, for the statistics module.

`telefoni_per_ko` is the one entry point statistics call; it counts calls by when they came
in, in [fran, till).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Q

from kanaler.telefon.models import Samtal


@dataclass(frozen=True)
class KoSiffror:
    ko: str
    inkommande: int
    besvarade: int
    missade: int
    # Answered / incoming; None when nothing came in.
    svarsfrekvens: float | None
    # Seconds from incoming to answered, over the answered calls.
    medel_vantetid: float | None
    max_vantetid: float | None
    # Seconds a missed caller waited before giving up.
    medel_vantetid_missade: float | None


def _sekunder(varde: timedelta | None) -> float | None:
    return round(varde.total_seconds(), 1) if varde is not None else None


def telefoni_per_ko(*, fran: datetime, till: datetime, ko: str | None = None) -> list[KoSiffror]:
    """Return answer rate, waiting time and missed calls per queue, one query, by queue name."""
    vantan = ExpressionWrapper(F("besvarat") - F("inkom"), output_field=DurationField())
    vantan_missad = ExpressionWrapper(F("missat") - F("inkom"), output_field=DurationField())
    besvarat = Q(besvarat__isnull=False)
    missat = Q(missat__isnull=False, besvarat__isnull=True)
    qs = Samtal.objects.filter(inkom__gte=fran, inkom__lt=till)
    if ko is not None:
        qs = qs.filter(ko=ko)
    rader = (
        qs.values("ko")
        .annotate(
            inkommande=Count("id"),
            besvarade=Count("id", filter=besvarat),
            missade=Count("id", filter=missat),
            medel=Avg(vantan, filter=besvarat),
            langst=Max(vantan, filter=besvarat),
            medel_missad=Avg(vantan_missad, filter=missat),
        )
        .order_by("ko")
    )
    return [
        KoSiffror(
            ko=rad["ko"],
            inkommande=rad["inkommande"],
            besvarade=rad["besvarade"],
            missade=rad["missade"],
            svarsfrekvens=round(rad["besvarade"] / rad["inkommande"], 3)
            if rad["inkommande"]
            else None,
            medel_vantetid=_sekunder(rad["medel"]),
            max_vantetid=_sekunder(rad["langst"]),
            medel_vantetid_missade=_sekunder(rad["medel_missad"]),
        )
        for rad in rader
    ]
