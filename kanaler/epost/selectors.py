"""Reads of the e-post channel."""

from django.db.models import Case, Q, QuerySet, Value, When

from arenden import behorighet
from kanaler.epost.models import Epostkonto, Inkommet, Utskick


def _kommunens_brevlador(kommun_id: int, *, via: str = "") -> Q:
    """The mailboxes of the kommun's förvaltningar and the shared ones (no förvaltning), which
    belong to no one kommun; `via` is the path to the mailbox ("konto__")."""
    return Q(**{f"{via}forvaltning__isnull": True}) | Q(
        **{f"{via}forvaltning__kommun_id": kommun_id}
    )


def epostkonto_for_user(*, user) -> QuerySet[Epostkonto]:
    """The mailboxes of the user's kommun (`_kommunens_brevlador`)."""
    qs = Epostkonto.objects.all()
    kommun_id = behorighet.kommun_id_for_user(user)
    if kommun_id is not None:
        qs = qs.filter(_kommunens_brevlador(kommun_id))
    return qs


def epostkonto_for_arende(*, arende) -> Epostkonto | None:
    """Return the active mailbox that answers an ärende that came in another way (a call,
    the contact form): its förvaltning's, else another of its kommun's, else a shared one;
    never another kommun's, whose address the citizen would get his kvitto or answer from."""
    foretrade = [When(forvaltning__isnull=False, then=Value(1))]
    if arende.forvaltning_id:
        foretrade.insert(0, When(forvaltning_id=arende.forvaltning_id, then=Value(0)))
    return (
        Epostkonto.objects.filter(_kommunens_brevlador(arende.kommun_id), aktiv=True)
        .order_by(Case(*foretrade, default=Value(2)), "id")
        .first()
    )


def inkommet_for_user(*, user) -> QuerySet[Inkommet]:
    """The mails of the user's kommun's mailboxes (`_kommunens_brevlador`)."""
    qs = Inkommet.objects.all()
    kommun_id = behorighet.kommun_id_for_user(user)
    if kommun_id is not None:
        qs = qs.filter(_kommunens_brevlador(kommun_id, via="konto__"))
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
