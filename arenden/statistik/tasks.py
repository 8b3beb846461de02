"""Celery entry points of the statistics."""

from celery import shared_task
from django.db import OperationalError

from arenden.statistik.berakna import sammanstallning_uppdatera


@shared_task(
    acks_late=True,
    soft_time_limit=300,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=3,
)
def statistik_uppdatera() -> None:
    """Refresh the summary views; idempotent, so a retry or an overlapping run is harmless."""
    sammanstallning_uppdatera()
