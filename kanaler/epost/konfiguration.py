"""The e-post channel's settings (settings.KONTAKTCENTER_EPOST), read lazily, with defaults."""

from django.conf import settings

STANDARD = {
    # A mail over this size is not downloaded: its headers become the message, with a note.
    "MAX_STORLEK": 25 * 1024 * 1024,
    # An attachment over this size stays only in the raw source, with a note on the message.
    "MAX_BILAGA": 10 * 1024 * 1024,
    # Where the citizen status page lives; the kvitto links to <bas>/arende/<token>/.
    "PUBLIK_BAS_URL": "http://127.0.0.1:8000",
    # Mails fetched and stored per round trip; one batch is held in memory at a time.
    "BATCH": 200,
    # How long a run may hold a mailbox's lock before another run may take it over.
    "LAS_SEKUNDER": 600,
}


def varde(namn: str):
    """Return one e-post setting; KeyError for a setting that does not exist."""
    egna = getattr(settings, "KONTAKTCENTER_EPOST", {})
    return egna[namn] if namn in egna else STANDARD[namn]
