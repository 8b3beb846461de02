"""Svarsmallar: the placeholders a mall may use and how they are filled for one ärende.

Filling happens on the server, so the vägledare's reply box gets finished text and an
unknown or misspelt placeholder is left as written (visible, to be corrected) instead of
failing.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from arenden.models import Arende, Svarsmall

PLATSHALLARE: dict[str, str] = {
    "namn": _("kontaktens namn (”Hej!” om namnet saknas)"),
    "arendenummer": _("ärendenumret, t.ex. KC-2026-000123"),
    "rubrik": _("ärendets rubrik"),
    "svar_senast": _("datum då kontakten senast ska ha svar"),
    "handlaggare": _("ditt namn"),
    "forvaltning": _("förvaltningen som har ärendet"),
    "kategori": _("ärendets kategori"),
    "kommun": _("kommunens namn"),
    "idag": _("dagens datum"),
}


class _Lamna(dict):
    """Leave unknown placeholders as they were written."""

    def __missing__(self, nyckel: str) -> str:
        return "{" + nyckel + "}"


def _datum(varde) -> str:
    if varde is None:
        return ""
    return date_format(timezone.localtime(varde), "j F Y")


def varden(*, arende: Arende, user) -> dict[str, str]:
    """Return the placeholder values for this ärende, written by this user."""
    kontakt = arende.kontakt
    return {
        "namn": (kontakt.namn if kontakt and kontakt.namn else ""),
        "arendenummer": arende.nummer,
        "rubrik": arende.rubrik,
        "svar_senast": _datum(arende.svar_senast),
        "handlaggare": user.get_full_name() or user.get_username(),
        "forvaltning": arende.forvaltning.namn if arende.forvaltning_id else "",
        "kategori": arende.kategori.namn if arende.kategori_id else "",
        "kommun": arende.kommun.namn if arende.kommun_id else "",
        "idag": date_format(timezone.localdate(), "j F Y"),
    }


def fyll(*, mall: Svarsmall, arende: Arende, user, varden_: dict[str, str] | None = None) -> str:
    """Return the mall's text with this ärende's values in place of its placeholders."""
    v = _Lamna(varden_ if varden_ is not None else varden(arende=arende, user=user))
    text = mall.text
    if not v["namn"]:
        # "Hej {namn}!" reads "Hej!" for an anonymous contact, not "Hej !".
        text = text.replace(" {namn}", "{namn}")
    try:
        return text.format_map(v)
    except (ValueError, IndexError):
        # A lone brace in the text: insert it unfilled rather than refuse.
        return text
