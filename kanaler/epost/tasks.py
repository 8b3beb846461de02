"""Celery entry points of the e-post channel: thin, idempotent, taking ids."""

from celery import shared_task
from imapclient.exceptions import IMAPClientError

from kanaler.epost import hamtning, services
from kanaler.epost.errors import EpostkontoFel, SmtpFel
from kanaler.epost.models import Epostkonto


@shared_task(queue="epost", acks_late=True, soft_time_limit=60, time_limit=90)
def hamta_alla() -> int:
    """Queue one fetch per active mailbox (Celery beat runs this every minute)."""
    ids = list(Epostkonto.objects.filter(aktiv=True).values_list("pk", flat=True))
    for pk in ids:
        hamta_konto.delay(pk)
    return len(ids)


@shared_task(
    queue="epost",
    acks_late=True,
    soft_time_limit=540,
    time_limit=600,
    autoretry_for=(EpostkontoFel, IMAPClientError, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=3,
)
def hamta_konto(konto_id: int) -> dict:
    """Fetch one mailbox; a run already under way for it makes this one return at once."""
    konto = Epostkonto.objects.get(pk=konto_id)
    resultat = hamtning.konto_hamta(konto=konto)
    return {"hamtade": resultat.hamtade, "fel": resultat.fel, "upptagen": resultat.upptagen}


@shared_task(
    queue="epost",
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(SmtpFel,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def skicka_utskick(utskick_id: int) -> str:
    """Send one answer or kvitto; after the last retry it stays `ej_skickad` on the ärende."""
    return services.utskick_skicka(utskick_id=utskick_id).status


@shared_task(queue="epost", acks_late=True, soft_time_limit=60, time_limit=90)
def koa_utskick(utskick_ids: list[int]) -> int:
    """Queue one send per mail of a batch (the kvitton of a fetch run, queued as one message).

    Queuing a send twice does no harm: skicka_utskick sends a mail only once.
    """
    for pk in utskick_ids:
        skicka_utskick.delay(pk)
    return len(utskick_ids)
