"""The one accessor for the bridge's settings (settings.PLATINA), read lazily.

Every value comes from the environment (see kontaktcenter/settings.py and this app's
README); tests override `settings.PLATINA` with pytest-django's `settings` fixture.
"""

from django.conf import settings


def varde(namn: str):
    """Return one value of settings.PLATINA (KeyError: a setting never defined)."""
    return settings.PLATINA[namn]
