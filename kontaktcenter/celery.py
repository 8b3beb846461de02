"""The Celery app and every periodic task, declared in one place.

Queues: `default` for ordinary work, `epost` for mail ingestion and sending, `platina` for
diarieföring. Each can be served by its own worker pool.
"""

import os

from celery import Celery, signals
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")

app = Celery("kontaktcenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _maskera_personnummer(logger, **kwargs) -> None:
    """Put the personnummer filter on the handlers the worker sets up itself."""
    from integritet import loggning

    for handler in logger.handlers:
        loggning.installera(handler)


# Periodic work, declared here and nowhere else. Each entry says when and why; the
# channel and SLA issues add theirs (IMAP polling, SLA reminders, gallring).
app.conf.beat_schedule: dict = {
    # Every 5 minutes: refresh the statistics' summary views (a few seconds on a million
    # ärenden), so the teamledare's dashboard is at most five minutes behind.
    "statistik-uppdatera": {
        "task": "arenden.statistik.tasks.statistik_uppdatera",
        "schedule": 5 * 60,
    },
    # Every 5 minutes: re-send Platina registrations untouched for PLATINA_FASTNAD_MINUTER
    # (a worker died mid-send, or the task's retries ran out) so that none is ever dropped.
    "platina-fastnade-registreringar": {
        "task": "platina_bridge.tasks.registreringar_skicka_fastnade",
        "schedule": 5 * 60,
        "options": {"queue": "platina"},
    },
    # Every hour: take back parked ärenden whose date has come (arende_parkera); hourly so
    # that one missed run (beat restarted) delays nothing by a whole day.
    "arenden-avparkera": {
        "task": "arenden.tasks.arenden_avparkera",
        "schedule": 60 * 60,
    },
    # Every 15 minutes: SLA reminders (75 % of the answer time to the assignee, the breach
    # to the teamledare); a quarter of an hour is fine-grained enough for due times counted
    # in arbetsdagar, and each reminder is created once however often this runs.
    "paminnelser-sla": {
        "task": "paminnelser.tasks.paminnelser_skapa",
        "schedule": 15 * 60,
    },
    # Every minute (EPOST_HAMTA_INTERVALL seconds): poll every active funktionsbrevlåda over
    # IMAP. Each mailbox is fetched by its own task under a Redis lock, so a slow mailbox or
    # an overlapping manual `hamta_epost` run never fetches the same mail twice at once.
    "epost-hamta-alla": {
        "task": "kanaler.epost.tasks.hamta_alla",
        "schedule": float(os.environ.get("EPOST_HAMTA_INTERVALL", "60")),
        "options": {"queue": "epost", "expires": 55},
    },
    # Every night 02:30: gallring (integritet/gallring.py). Closed ärenden that are not
    # diarieförda are anonymised or deleted when their kategori's time is up; at night so
    # the batches' deletes do not compete with the working day, daily so none is kept
    # more than a day past its time.
    "integritet-gallra": {
        "task": "integritet.tasks.gallra",
        "schedule": crontab(minute=30, hour=2),
    },
    # Mondays 07:00: remind kunskapsartikel owners of articles past their review date, so
    # that answers given to citizens do not go stale. At most one mail per owner and week.
    "kunskapsbank-granskning-paminn": {
        "task": "kunskapsbank.tasks.granskning_paminn_alla",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
}

# Open ePlatform, only when configured (kanaler/etjanst/README.md).
if os.environ.get("OEP_URL") and os.environ.get("OEP_FAMILJER"):
    # Every OEP_HAMTA_INTERVALL seconds (5 minutes): fetch new FlowInstances of each flow
    # family. The watermark lives in the database, so a missed or failed run loses nothing;
    # the next one starts from the last good poll.
    app.conf.beat_schedule["etjanst-oep-hamta"] = {
        "task": "kanaler.etjanst.tasks.oep_hamta",
        "schedule": float(os.environ.get("OEP_HAMTA_INTERVALL", "300")),
        # A run not started before the next one is due is dropped: the next covers it.
        "options": {"expires": max(10.0, float(os.environ.get("OEP_HAMTA_INTERVALL", "300")) - 5)},
    }
if os.environ.get("OEP_URL") or os.environ.get("OEP_CALLBACK_URL"):
    # Every 5 minutes: re-send status reports to Open ePlatform untouched for
    # OEP_FASTNAD_MINUTER (retries ran out, a worker died), so that none is ever dropped.
    app.conf.beat_schedule["etjanst-oep-aterrapporter-fastnade"] = {
        "task": "kanaler.etjanst.tasks.aterrapporter_skicka_fastnade",
        "schedule": 5 * 60,
    }
