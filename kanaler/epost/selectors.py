"""Reads of the e-post channel."""

from django.db.models import Q, QuerySet

from arenden import behorighet
from kanaler.epost.models import Inkommet, Utskick


def inkommet_for_user(*, user) -> QuerySet[Inkommet]:
    """The mails of the user's kommun: those of its förvaltningars mailboxes and of the shared
    mailboxes (no förvaltning), which belong to no one kommun."""
    qs = Inkommet.objects.all()
    kommun_id = behorighet.kommun_id_for_user(user)
    if kommun_id is not None:
        qs = qs.filter(
            Q(konto__forvaltning__isnull=True) | Q(konto__forvaltning__kommun_id=kommun_id)
        )
    return qs


def inkommet_triage(*, user, antal: int = 100) -> QuerySet[Inkommet]:
    """The mails no ärende took: bounces and auto-replies without one, and the dead-letter list."""
    return (
        inkommet_for_user(user=user)
        .filter(status__in=[Inkommet.Status.TRIAGE, Inkommet.Status.FEL])
        .select_related("konto")
        .defer("ra")
        .order_by("-mottagen", "-id")[:antal]
    )


def utskick_for_meddelande(*, meddelande_id: int) -> Utskick | None:
    return Utskick.objects.filter(meddelande_id=meddelande_id).first()
