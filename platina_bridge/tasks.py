"""Celery entry points for the bridge; each loads by id and calls one service."""

import random

from celery import shared_task

from platina_bridge import konfiguration, services
from platina_bridge.errors import PlatinaFel


def paus_fore_forsok(forsok: int) -> float:
    """Return the pause before retry number `forsok` + 1: exponential, jittered (½–1×).

    What Celery's retry_backoff/retry_jitter do, but with the base and cap read from the
    settings, so an operator (or a test) can tune them without touching code.
    """
    tak = min(
        konfiguration.varde("BACKOFF_MAX_SEKUNDER"),
        konfiguration.varde("BACKOFF_BAS_SEKUNDER") * 2**forsok,
    )
    return random.uniform(tak / 2, tak)


@shared_task(bind=True, queue="platina", acks_late=True, soft_time_limit=120, max_retries=None)
def registrering_skicka(self, registrering_id: int) -> None:
    """Send one registration to Platina (idempotent: a registered row is left alone).

    Validation errors never come out of the service (it parks the row for a registrator);
    every other Platina error is retried with growing, jittered pauses. After the last try
    the row keeps its failed state and the beat task re-sends it: nothing is dropped.
    """
    try:
        services.registrering_skicka(registrering_id=registrering_id)
    except PlatinaFel as fel:
        if self.request.retries >= konfiguration.varde("MAX_FORSOK"):
            raise
        raise self.retry(exc=fel, countdown=paus_fore_forsok(self.request.retries)) from fel


@shared_task(queue="platina", acks_late=True, soft_time_limit=60)
def registreringar_skicka_fastnade() -> int:
    """Re-send registrations stuck too long (a worker died mid-send, retries ran out)."""
    return len(services.registreringar_skicka_fastnade())
