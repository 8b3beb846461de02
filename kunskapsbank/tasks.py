"""Celery entry points of the kunskapsbank."""

from celery import shared_task
from django.db import OperationalError

from kunskapsbank import paminnelser, selectors

_FORSOK = {
    "acks_late": True,
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(soft_time_limit=120, **_FORSOK)
def granskning_paminn_alla() -> int:
    """Queue one reminder per owner with articles past their review date."""
    agare = list(selectors.forsenade_per_agare())
    for agare_id in agare:
        granskning_paminn_agare.delay(agare_id)
    return len(agare)


@shared_task(soft_time_limit=60, **_FORSOK)
def granskning_paminn_agare(agare_id: int) -> bool:
    """Mail one owner; idempotent within the week (see paminnelser)."""
    return paminnelser.paminnelse_skicka(agare_id=agare_id)
