"""The Celery app and every periodic task, declared in one place.

Queues: `default` for ordinary work, `epost` for mail ingestion and sending, `platina` for
diarieföring. Each can be served by its own worker pool.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")

app = Celery("kontaktcenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work, declared here and nowhere else. Each entry says when and why; the
# channel and SLA issues add theirs (IMAP polling, SLA reminders, gallring).
app.conf.beat_schedule: dict = {}
