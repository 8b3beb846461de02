"""One sender at a time per diary: Platina assumes no concurrent access.

A Redis lock per diary, held while one registration is sent. The lock expires by itself
(`LAS_SEKUNDER`) so a worker killed mid-send cannot block the diary for good.
"""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache

import redis
from django.conf import settings
from django.utils.translation import gettext as _

from platina_bridge import konfiguration
from platina_bridge.errors import DiarietUpptaget

# How long a worker waits for the diary before handing the task back to Celery to retry.
VANTA_PA_LAS_SEKUNDER = 10


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


@contextmanager
def diarielas(diarium: str) -> Iterator[None]:
    """Hold the diary's lock for the block; raise `DiarietUpptaget` if it cannot be had."""
    las = _redis().lock(
        # One Platina (its URL) and one diary: two installations never block each other.
        f"kc:platina:{konfiguration.varde('URL')}:diarium:{diarium}",
        timeout=konfiguration.varde("LAS_SEKUNDER"),
        blocking_timeout=VANTA_PA_LAS_SEKUNDER,
    )
    if not las.acquire():
        raise DiarietUpptaget(
            _("Diariet %(diarium)s är upptaget av en annan sändning.") % {"diarium": diarium}
        )
    try:
        yield
    finally:
        # It may have expired while we sent; the next sender's lookup-before-create covers that.
        with suppress(redis.exceptions.LockError):
            las.release()
