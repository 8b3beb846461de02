"""Reads of the besök channel, for the statistics module."""

from datetime import datetime

from django.db.models import Count

from kanaler.besok.models import Besok


def besok_per_typ(*, fran: datetime, till: datetime) -> dict[str, int]:
    """Return the number of visits per besökstyp in [fran, till)."""
    rader = (
        Besok.objects.filter(tid__gte=fran, tid__lt=till)
        .values("besokstyp")
        .annotate(antal=Count("id"))
        .order_by()
    )
    return {rad["besokstyp"]: rad["antal"] for rad in rader}
