"""The e-tjänst channel's settings (settings.KONTAKTCENTER_ETJANST, optional), read lazily."""

from django.conf import settings

STANDARD = {
    # One attachment from a citizen: a photo or a scanned page is well under this.
    "MAX_BILAGA": 10 * 1024 * 1024,
    # Attachments per submission or form.
    "MAX_BILAGOR": 5,
    # A person needs more than this to fill the form; a bot posts at once.
    "MIN_FYLLTID_SEKUNDER": 3,
    # A form older than this is stale (its time stamp is signed, so it cannot be forged).
    "MAX_FYLLTID_SEKUNDER": 4 * 3600,
    # Public posts (contact form, additions on the status page) per address and hour.
    "MAX_PER_TIMME": 5,
    # The XML or JSON body of one submission, attachments included (base64).
    "MAX_INLAMNING": 60 * 1024 * 1024,
}


def varde(namn: str):
    """Return one e-tjänst setting; KeyError for a setting that does not exist."""
    egna = getattr(settings, "KONTAKTCENTER_ETJANST", {})
    return egna[namn] if namn in egna else STANDARD[namn]


def oep(namn: str):
    """Return one Open ePlatform setting (settings.OEP; KeyError: a setting never defined)."""
    return settings.OEP[namn]


def oep_hamtning_aktiv() -> bool:
    """Whether Open ePlatform is to be polled: a base URL and at least one flow family."""
    return bool(oep("URL") and oep("FAMILJER"))


def oep_aterrapport_aktiv() -> bool:
    """Whether status changes are reported back to Open ePlatform."""
    return bool(oep("URL") or oep("CALLBACK_URL"))


def oep_callback_url() -> str:
    """The integration callback's address: OEP_CALLBACK_URL, else <OEP_URL>/api/callback."""
    return oep("CALLBACK_URL") or oep("URL").rstrip("/") + "/api/callback"
