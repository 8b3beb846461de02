"""Reads for the reminder page."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from arenden import behorighet
from arenden.models import Arende, Handelse, Status
from paminnelser.models import Paminnelse

SIDSTORLEK = 100


def paminnelser_for_user(*, user) -> list[Paminnelse]:
    """Return the user's newest reminders, with their ärenden."""
    # An ärende the user no longer sees (reassigned, marked secret) leaves his list too.
    return list(
        Paminnelse.objects.filter(
            mottagare=user, arende__in=behorighet.arende_queryset_for_user(user).values("pk")
        )
        .select_related("arende")
        .order_by("-skapad", "-id")[:SIDSTORLEK]
    )


def forsenade_for_teamledare(*, user) -> QuerySet[Arende] | None:
    """Return the open ärenden past their due time that the teamledare sees, oldest first.

    These are the ärenden whose citizens must be told why they wait (förvaltningslagen
    11 §); `senaste_besked` is when the latest förseningsbesked was sent (None: never).
    None for anyone who is not a teamledare or administratör.
    """
    if not behorighet.kan_se_forsenade(user):
        return None
    return (
        behorighet.arende_queryset_for_user(user)
        .filter(status__in=Status.oppna(), svar_senast__lte=timezone.now())
        .select_related("tilldelad", "forvaltning")
        .annotate(
            senaste_besked=Subquery(
                Handelse.objects.filter(arende=OuterRef("pk"), typ=Handelse.Typ.FORSENINGSBESKED)
                .order_by("-tid")
                .values("tid")[:1]
            )
        )
        .order_by("svar_senast", "id")[:SIDSTORLEK]
    )
