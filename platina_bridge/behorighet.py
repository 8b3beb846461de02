"""Who may run the Platina operations view: teamledare and administratörer of the kommun."""

from django.utils.translation import gettext as _

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
