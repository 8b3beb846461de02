"""The brev channel's settings (settings.KONTAKTCENTER_BREV, optional), read lazily."""

from django.conf import settings

STANDARD = {
    # A scanned letter is a few hundred kB a page; 25 MB leaves room for a thick one.
    "MAX_STORLEK": 25 * 1024 * 1024,
}


def varde(namn: str):
    """Return one brev setting; KeyError for a setting that does not exist."""
    egna = getattr(settings, "KONTAKTCENTER_BREV", {})
    return egna[namn] if namn in egna else STANDARD[namn]
