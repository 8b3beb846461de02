"""Who may run the Platina operations view: teamledare and administratörer of the kommun.

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


SEKRETESS_FEL = _lazy("Sekretessmarkerat ärende – felet visas för dem som är behöriga")


def innehall_synligt(registrering) -> bool:
    """Return whether the row's ärende and error may be shown (set by the selectors)."""
    return bool(getattr(registrering, "innehall_synligt", False))


MARKERA_MANUELLT_NEKAD = _lazy(
    "Registreringen hör till ett sekretessmarkerat ärende. Bara den som är behörig till "
    "ärendet kan markera den som registrerad manuellt; du kan fortfarande försöka igen."
)


def kan_markera_manuellt(user, registrering) -> bool:
    """Return whether the user may mark the registration as registered by hand: a teamledare
    or administratör, and for a sekretessmarkerat ärende one named on it.

    Asks the database, not the row's `innehall_synligt` (a caller may not have set it)."""
    if not kan_hantera_registreringar(user):
        return False
    synligt = (
        PlatinaRegistrering.objects.filter(pk=registrering.pk)
        .annotate(synligt=behorighet.sekretess_innehall_synligt(user))
        .values_list("synligt", flat=True)
        .first()
    )
    return bool(synligt)


def kontrollera_markera_manuellt(user, registrering) -> None:
    kontrollera_hantera_registreringar(user)
    if not kan_markera_manuellt(user, registrering):
        raise BehorighetSaknas(str(MARKERA_MANUELLT_NEKAD), code="platina_sekretess")
