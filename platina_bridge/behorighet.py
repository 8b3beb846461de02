"""Who may run the Platina operations view: teamledare and administratörer of the kommun.

Every service that acts on a registration for someone (retry, marking by hand) asks
`kontrollera_registrering` first: the role and the ärende's kommun, as the view's reads are
scoped (platina_bridge/selectors.py).

What a row shows follows the ärende's own rule (`arenden.behorighet`): for a
sekretessmarkerat ärende the user is not named on, whatever his role (administratörer
too), only that a registration exists and its state, number of attempts and who marked it
manually; not the ärendenummer, not the diarienummer, not Platina's error text (which may
quote the ärende). He may still retry it (that repeats what was decided and shows nothing),
but not mark it as registered by hand: the diarienummer typed in becomes the ärende's and
is written to its timeline, so it is for someone who knows which ärende it is
(`kontrollera_markera_manuellt`, asked by the service).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from arenden import behorighet
from arenden.behorighet import Roll
from arenden.errors import BehorighetSaknas
from platina_bridge.models import PlatinaRegistrering


def kan_hantera_registreringar(user) -> bool:
    return bool(behorighet.roller(user) & {Roll.TEAMLEDARE, Roll.ADMINISTRATOR})


def kontrollera_hantera_registreringar(user) -> None:
    if not kan_hantera_registreringar(user):
        raise BehorighetSaknas(
            _("Bara teamledare och administratörer hanterar registreringarna i Platina.")
        )


ANNAN_KOMMUN_NEKAD = _lazy("Registreringen hör till en annan kommuns ärende.")
MARKERA_MANUELLT_NEKAD = _lazy(
    "Registreringen hör till ett sekretessmarkerat ärende. Bara den som är behörig till "
    "ärendet kan markera den som registrerad manuellt; du kan fortfarande försöka igen."
)


def kontrollera_registrering(user, registrering, *, innehall: bool = False) -> None:
    """Raise BehorighetSaknas unless the user may act on this registration: a teamledare or
    administratör of its ärende's kommun (staff with no Medarbetare row: any kommun) and,
    with `innehall` (marking it by hand), one who may see the ärende's content: for a
    sekretessmarkerat ärende one named on it.

    The kommun and the sekretess rule are read from the database in one query, not from the
    caller's row. Every service that changes a registration for someone asks this first,
    whichever page called it.
    """
    kontrollera_hantera_registreringar(user)
    arendets_kommun, synligt = PlatinaRegistrering.objects.filter(pk=registrering.pk).annotate(
        synligt=behorighet.sekretess_innehall_synligt(user)
    ).values_list("arende__kommun_id", "synligt").first() or (None, False)
    kommun_id = behorighet.kommun_id_for_user(user)
    if kommun_id is not None and arendets_kommun != kommun_id:
        raise BehorighetSaknas(str(ANNAN_KOMMUN_NEKAD), code="platina_kommun")
    if innehall and not synligt:
        raise BehorighetSaknas(str(MARKERA_MANUELLT_NEKAD), code="platina_sekretess")


SEKRETESS_FEL = _lazy("Sekretessmarkerat ärende – felet visas för dem som är behöriga")


def innehall_synligt(registrering) -> bool:
    """Return whether the row's ärende and error may be shown (set by the selectors)."""
    return bool(getattr(registrering, "innehall_synligt", False))


def kontrollera_markera_manuellt(user, registrering) -> None:
    kontrollera_registrering(user, registrering, innehall=True)
