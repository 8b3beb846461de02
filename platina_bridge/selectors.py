"""Reads for the operations view; every query is scoped to the user's kommun.

A registration of a sekretessmarkerat ärende the user is not named on is still listed, so
that a teamledare sees that something is stuck and can retry it, but each row comes with
`innehall_synligt` (see `platina_bridge.behorighet`) and the template shows neither its
ärende nor Platina's error text unless it is true.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from arenden import behorighet as arende_behorighet
from arenden.errors import ArendeSaknas, OgiltigUppgift
from platina_bridge.behorighet import kontrollera_hantera_registreringar
from platina_bridge.models import PlatinaRegistrering, Tillstand

# The list shows this many rows per page; "Visa fler" fetches the next page by keyset.
SIDSTORLEK = 100

_EPOK = datetime(1970, 1, 1, tzinfo=UTC)
_MIKROSEKUND = timedelta(microseconds=1)


@dataclass
class Sida:
    rader: list[PlatinaRegistrering]
    # The cursor of the next page, None on the last one.
    nasta: str | None


def _for_user(user) -> QuerySet[PlatinaRegistrering]:
    kontrollera_hantera_registreringar(user)
    rader = PlatinaRegistrering.objects.all()
    kommun_id = arende_behorighet.kommun_id_for_user(user)
    if kommun_id is not None:
        rader = rader.filter(arende__kommun_id=kommun_id)
    return rader


def _med_synlighet(user, rader: QuerySet[PlatinaRegistrering]) -> QuerySet[PlatinaRegistrering]:
    """Annotate each row with `innehall_synligt`: may the user see what its ärende is about."""
    return rader.annotate(innehall_synligt=arende_behorighet.sekretess_innehall_synligt(user))


def _kodad(rad: PlatinaRegistrering) -> str:
    return f"{(rad.uppdaterad - _EPOK) // _MIKROSEKUND}-{rad.pk}"


def _avkodad(efter: str) -> tuple[datetime, int]:
    try:
        mikro, pk = (int(del_) for del_ in efter.split("-"))
    except ValueError:
        raise OgiltigUppgift(
            _("Sidmarkören är ogiltig. Börja om från första sidan."), code="ogiltig_markor"
        ) from None
    return _EPOK + mikro * _MIKROSEKUND, pk


def registreringar_lista(
    *, user, tillstand: str | None, efter: str | None = None, antal: int = SIDSTORLEK
) -> Sida:
    """Return one page of registrations in one state (all when None), newest change first.

    Keyset pagination on (uppdaterad, id): `efter` is the previous page's `nasta`. A row
    that changes while someone pages moves to the top and is seen on the first page again.
    """
    rader = _med_synlighet(user, _for_user(user).select_related("arende", "manuellt_av"))
    if tillstand in Tillstand.values:
        rader = rader.filter(tillstand=tillstand)
    if efter:
        uppdaterad, pk = _avkodad(efter)
        rader = rader.filter(Q(uppdaterad__lt=uppdaterad) | Q(uppdaterad=uppdaterad, id__lt=pk))
    sida = list(rader.order_by("-uppdaterad", "-id")[: antal + 1])
    nasta = None
    if len(sida) > antal:
        sida = sida[:antal]
        nasta = _kodad(sida[-1])
    # As every list: that it showed a sekretessmarkerat ärende's row is noted in the audit log.
    arende_behorighet.sekretess_listning_logga(user=user, arenden=[r.arende for r in sida])
    return Sida(rader=sida, nasta=nasta)


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
        return _med_synlighet(user, _for_user(user).select_related("arende")).get(pk=pk)
    except PlatinaRegistrering.DoesNotExist:
        raise ArendeSaknas("Registreringen finns inte.") from None
