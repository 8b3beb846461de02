"""The one accessor for Kontaktcenter's own settings (settings.KONTAKTCENTER), read lazily."""

from django.conf import settings


def varde(namn: str):
    """Return one value of settings.KONTAKTCENTER (KeyError: a setting never defined)."""
    return settings.KONTAKTCENTER[namn]
