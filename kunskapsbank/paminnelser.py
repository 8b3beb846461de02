"""The weekly reminder to article owners whose articles are past their review date."""

import datetime

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from kunskapsbank import selectors

# A reminder per owner and ISO week; the key outlives the week so a retry never sends twice.
_NYCKEL_TID = 8 * 24 * 3600


def paminnelse_skicka(*, agare_id: int, idag: datetime.date | None = None) -> bool:
    """Mail one owner the list of his articles to review; at most once a week. Return sent."""
    idag = idag or timezone.localdate()
    agare = get_user_model().objects.filter(pk=agare_id, is_active=True).first()
    if agare is None or not agare.email:
        return False
    artiklar = list(selectors.artiklar_att_granska(user=agare, idag=idag).filter(agare=agare))
    if not artiklar:
        return False
    nyckel = paminnelse_nyckel(agare_id=agare_id, idag=idag)
    if not cache.add(nyckel, 1, _NYCKEL_TID):
        return False
    rader = "\n".join(
        f"- {a.fraga} ({_('granskas senast')} {a.granskas_senast:%Y-%m-%d})" for a in artiklar
    )
    try:
        _skicka(agare.email, artiklar, rader)
    except Exception:
        # Let the task's retry send it: forget that this week's reminder went out.
        cache.delete(nyckel)
        raise
    return True


def paminnelse_nyckel(*, agare_id: int, idag: datetime.date) -> str:
    """Return the cache key that marks this week's reminder to the owner as sent."""
    ar, vecka, _dag = idag.isocalendar()
    return f"kunskapsbank:paminnelse:{agare_id}:{ar}-{vecka}"


def _skicka(epost: str, artiklar: list, rader: str) -> None:
    send_mail(
        subject=_("Kunskapsartiklar att granska: %(antal)d") % {"antal": len(artiklar)},
        message=_(
            "Hej!\n\nDe här kunskapsartiklarna som du äger har passerat sitt "
            "granskningsdatum. Läs igenom dem och uppdatera eller arkivera:\n\n%(rader)s\n"
        )
        % {"rader": rader},
        from_email=None,
        recipient_list=[epost],
    )
