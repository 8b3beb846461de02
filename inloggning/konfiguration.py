"""Inloggning's own settings (settings.KONTAKTCENTER_INLOGGNING), read lazily.

mozilla-django-oidc reads its OIDC_* settings itself; these are the ones it does not know.
"""

from django.conf import settings


def varde(namn: str):
    """Return one value of settings.KONTAKTCENTER_INLOGGNING (KeyError: never defined)."""
    return settings.KONTAKTCENTER_INLOGGNING[namn]


def sso_aktiv() -> bool:
    """True when single sign-on through the kommun's OpenID provider is configured."""
    return bool(varde("SSO"))
