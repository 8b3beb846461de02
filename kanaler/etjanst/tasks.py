"""Celery entry points for Open ePlatform: the poll and the reports back."""

import random

from celery import shared_task

from kanaler.etjanst import konfiguration, oep
from kanaler.etjanst.errors import OepTillfalligt


def paus_fore_forsok(forsok: int) -> float:
    """Return the pause before retry number `forsok` + 1: exponential, jittered (½–1×)."""
    tak = min(
        konfiguration.oep("BACKOFF_MAX_SEKUNDER"),
        konfiguration.oep("BACKOFF_BAS_SEKUNDER") * 2**forsok,
    )
    return random.uniform(tak / 2, tak)


@shared_task(acks_late=True, soft_time_limit=600)
def oep_hamta() -> dict:
    """Poll every configured Open ePlatform flow family (beat); a failure waits for the next."""
    return oep.hamtning_kor_alla()


@shared_task(bind=True, acks_late=True, soft_time_limit=120, max_retries=None)
def aterrapporter_skicka(self, inlamning_id: int) -> int:
    """Send one submission's waiting reports; transient failures are retried with backoff.

    After the last try the reports keep their failed state and the beat task re-sends
    them: nothing is dropped.
    """
    try:
        return oep.aterrapporter_skicka(inlamning_id=inlamning_id)
    except OepTillfalligt as fel:
        if self.request.retries >= konfiguration.oep("MAX_FORSOK"):
            raise
        raise self.retry(exc=fel, countdown=paus_fore_forsok(self.request.retries)) from fel


@shared_task(acks_late=True, soft_time_limit=60)
def aterrapporter_skicka_fastnade() -> int:
    """Re-send reports stuck too long (a worker died mid-send, retries ran out)."""
    return len(oep.aterrapporter_skicka_fastnade())
