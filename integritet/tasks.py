"""Celery entry points for personal data; each calls one service."""

from celery import shared_task

from integritet import gallring


@shared_task(acks_late=True, soft_time_limit=30 * 60)
def gallra() -> dict:
    """Apply the kategorier's retention rules (idempotent: the rule is a query on dates)."""
    resultat = gallring.gallra()
    return {
        "anonymiserade": len(resultat.anonymiserade),
        "raderade": len(resultat.raderade),
        "filer": resultat.filer,
    }
