"""Reads for the operations view; every query is scoped to the user's kommun."""

from django.db.models import Count, QuerySet

from arenden.errors import ArendeSaknas
from platina_bridge.behorighet import kontrollera_hantera_registreringar
from platina_bridge.models import PlatinaRegistrering, Tillstand

# The list shows this many rows per state; older ones are reached by the ärendenummer.
SIDSTORLEK = 100


def _for_user(user) -> QuerySet[PlatinaRegistrering]:
    kontrollera_hantera_registreringar(user)
    rader = PlatinaRegistrering.objects.all()
    medarbetare = getattr(user, "medarbetare", None)
    if medarbetare is not None:
        kommun_id = medarbetare.kommun_id
        rader = rader.filter(arende__kommun_id=kommun_id)
    return rader


def registreringar_lista(*, user, tillstand: str | None) -> list[PlatinaRegistrering]:
    """Return the newest registrations in one state (all states when None)."""
    rader = _for_user(user).select_related("arende", "manuellt_av")
    if tillstand in Tillstand.values:
        rader = rader.filter(tillstand=tillstand)
    return list(rader.order_by("-uppdaterad", "-id")[:SIDSTORLEK])


def registreringar_per_tillstand(*, user) -> dict[str, int]:
    """Return how many registrations are in each state, every state present."""
    antal = dict(
        _for_user(user)
        .values_list("tillstand")
        .annotate(n=Count("id"))
        .values_list("tillstand", "n")
    )
    return {varde: antal.get(varde, 0) for varde in Tillstand.values}


def registrering_get(*, user, pk: int) -> PlatinaRegistrering:
    try:
        return _for_user(user).select_related("arende").get(pk=pk)
    except PlatinaRegistrering.DoesNotExist:
        raise ArendeSaknas("Registreringen finns inte.") from None
