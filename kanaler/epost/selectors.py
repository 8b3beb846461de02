"""Reads of the e-post channel."""

from django.db.models import QuerySet

from kanaler.epost.models import Inkommet, Utskick


def inkommet_triage(*, antal: int = 100) -> QuerySet[Inkommet]:
    """The mails no ärende took: bounces and auto-replies without one, and the dead-letter list."""
    return (
        Inkommet.objects.filter(status__in=[Inkommet.Status.TRIAGE, Inkommet.Status.FEL])
        .select_related("konto")
        .defer("ra")
        .order_by("-mottagen", "-id")[:antal]
    )


def utskick_for_meddelande(*, meddelande_id: int) -> Utskick | None:
    return Utskick.objects.filter(meddelande_id=meddelande_id).first()
