"""Project package: settings, root URLs, the Celery app and the base UI shell."""

from kontaktcenter.celery import app as celery_app

__all__ = ("celery_app",)
