"""Who may run the Platina operations view: teamledare and administratörer of the kommun.

What a row shows follows the ärende's own rule (`arenden.behorighet`): for a
sekretessmarkerat ärende the user is not named on, whatever his role (administratörer
too), only that a registration exists and its state, number of attempts and who marked it
manually; not the ärendenummer, not the diarienummer, not Platina's error text (which may
quote the ärende). He may still retry it or mark it as registered by hand.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from arenden import behorighet
from arenden.behorighet import Roll
from arenden.errors import BehorighetSaknas


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
