"""Celery entry points for the ärende core; each calls one service."""

from celery import shared_task

from arenden import services


@shared_task(acks_late=True, soft_time_limit=120)
def arenden_avparkera() -> int:
    """Take back every parked ärende whose date has come (idempotent: by status and date)."""
    return len(services.arenden_avparkera())
