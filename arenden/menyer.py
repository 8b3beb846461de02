"""The menus an ärende's forms and the queue's filters offer, per kommun, in the shared cache.

Kategorier, förvaltningar, handläggare, svarsgrupper and all staff: five queries that every
ärende page asked for, for lists that change when an administratör edits the catalogue or
the staff. They are kept in the shared cache (Redis, seen by every worker) under a version
number. A save or delete of a kategori, förvaltning, svarsgrupp, medarbetare or user, or a
change of someone's roles, raises the version (signals, in whatever process makes the
change), so the next page everywhere reads the lists anew. A list read while the version
was raised is stored under the old number, which nobody asks for any more. What goes past
the signals (a queryset's update(), a change made straight in the database) is seen after
TIDSGRANS at the latest.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from arenden import selectors
from arenden.behorighet import Roll
from arenden.models import Forvaltning, Kategori, Medarbetare, Svarsgrupp

TIDSGRANS = 300  # seconds
_VERSION = "arende-menyer-version"


def menyer(kommun_id: int | None) -> dict[str, list[tuple]]:
    """Return the kommun's menus as (value, label) pairs (every kommun's for None)."""
    version = cache.get(_VERSION, 0)
    nyckel = f"arende-menyer:{version}:{kommun_id}"
    varde = cache.get(nyckel)
    if varde is None:
        varde = _las(kommun_id)
        cache.set(nyckel, varde, TIDSGRANS)
    return varde


def _las(kommun_id: int | None) -> dict[str, list[tuple]]:
    return {
        "kategorier": selectors.kategori_alternativ(kommun_id=kommun_id),
        "forvaltningar": selectors.forvaltning_alternativ(kommun_id=kommun_id),
        "handlaggare": selectors.personer(
            selectors.medarbetare_lista(roll=Roll.HANDLAGGARE, kommun_id=kommun_id)
        ),
        "svarsgrupper": selectors.svarsgrupp_alternativ(kommun_id=kommun_id),
        "medarbetare": selectors.personer(selectors.medarbetare_lista(kommun_id=kommun_id)),
    }


def glom(update_fields=None, **_kwargs) -> None:
    """Raise the version: every worker reads the menus anew at its next page."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login changes no menu
    if not cache.add(_VERSION, 1, None):
        try:
            cache.incr(_VERSION)
        except ValueError:  # evicted between add() and incr()
            cache.set(_VERSION, 1, None)


def koppla() -> None:
    """Connect the signals that make the menus be read anew (from AppConfig.ready)."""
    user = get_user_model()
    for modell in (Kategori, Forvaltning, Svarsgrupp, Medarbetare, user):
        post_save.connect(glom, sender=modell, dispatch_uid=f"arende-menyer-{modell.__name__}")
        post_delete.connect(glom, sender=modell, dispatch_uid=f"arende-menyer-d-{modell.__name__}")
    m2m_changed.connect(glom, sender=user.groups.through, dispatch_uid="arende-menyer-roller")
