"""Celery entry point for the SLA reminders."""

from celery import shared_task

from paminnelser import services


@shared_task(acks_late=True, soft_time_limit=300)
def paminnelser_skapa() -> int:
    """Create and mail the due reminders (idempotent: one per ärende, kind and due time)."""
    return services.paminnelser_skapa()
