"""Normalise and validate a contact's identifiers: personnummer, organisationsnummer, telefon.

Stored forms: personnummer as 12 digits (ÅÅÅÅMMDDNNNN), organisationsnummer as 10 digits,
telefon as digits with a leading 0 for Swedish numbers (070-123 45 67, +46 70 123 45 67 and
0046701234567 are all 0701234567), so that a returning caller is recognised however the
number was typed.
"""

import re

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumFel
from stdnum.se import orgnr
from stdnum.se import personnummer as pnr

from arenden.errors import OgiltigUppgift

# Anything shaped like a personnummer or samordningsnummer (day + 60): ÅÅMMDD-NNNN,
# ÅÅMMDD+NNNN, ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, ÅÅMMDDNNNN, with or without a space. The
# shape only, no check digit: for keeping them out of logs and URLs a false alarm (a
# ten-digit telephone number that looks like a date) costs nothing.
PERSONNUMMER_MONSTER = re.compile(
    r"(?<![\d-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"[-+ ]?\d{4}(?![\d-])"
)


def liknar_personnummer(text: str) -> bool:
    """Return whether the text holds something shaped like a personnummer."""
    return bool(PERSONNUMMER_MONSTER.search(text))


def maskera_personnummer(text: str, ersattning: str = "[personnummer]") -> str:
    """Replace everything in the text shaped like a personnummer."""
    return PERSONNUMMER_MONSTER.sub(ersattning, text)


_SOKT_PERSONNUMMER = re.compile(r"(?:19|20)?\d{6}[-+]\d{4}|(?:19|20)\d{10}")


def ar_personnummersokning(text: str) -> bool:
    """Return whether a search text is a personnummer (written as one, or valid as one).

    Stricter than PERSONNUMMER_MONSTER: a telephone number typed as ten digits
    (0701234567) is still a telephone search, unless its check digit makes it a valid
    personnummer too.
    """
    kompakt = text.strip()
    return bool(_SOKT_PERSONNUMMER.fullmatch(kompakt)) or pnr.is_valid(kompakt)


def normalisera_personnummer(varde: str) -> str:
    try:
        kompakt = pnr.compact(varde)
        pnr.validate(kompakt)
    except StdnumFel:
        raise OgiltigUppgift(
            _("Personnumret %(varde)s är inte giltigt. Kontrollera siffrorna och kontrollsiffran.")
            % {"varde": varde},
            code="ogiltigt_personnummer",
        ) from None
    # Twelve digits with the century, taken from the birth date stdnum computed (it reads
    # the + separator of a centenarian's number correctly).
    fodd = pnr.get_birth_date(kompakt)
    return f"{fodd:%Y%m%d}{kompakt[-4:]}"


def normalisera_organisationsnummer(varde: str) -> str:
    try:
        return orgnr.validate(varde)
    except StdnumFel:
        raise OgiltigUppgift(
            _("Organisationsnumret %(varde)s är inte giltigt.") % {"varde": varde},
            code="ogiltigt_organisationsnummer",
        ) from None


def normalisera_telefon(varde: str) -> str:
    """Return the number's digits, Swedish numbers with a leading 0; '' stays ''."""
    siffror = re.sub(r"[^\d+]", "", varde.strip())
    if siffror.startswith("+46"):
        return "0" + siffror[3:].lstrip("0")
    if siffror.startswith("0046"):
        return "0" + siffror[4:].lstrip("0")
    return siffror
