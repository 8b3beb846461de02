"""Celery entry point for the SLA reminders."""

from datetime import datetime

from celery import shared_task

from paminnelser import services


@shared_task(acks_late=True, soft_time_limit=300)
def paminnelser_skapa(nu: str | None = None) -> int:
    """Create and mail the due reminders (idempotent: one per ärende, kind and due time).

    `nu` (ISO 8601, aware) replaces the current time; beat never passes it.
    """
    return services.paminnelser_skapa(nu=datetime.fromisoformat(nu) if nu else None)
