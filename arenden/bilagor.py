"""Attachments: the one check every channel runs on an incoming file, and the one way to serve
a stored one.

A file is taken when its extension is on the allow-list (settings.KONTAKTCENTER
["BILAGA_FILTYPER"]) and its first bytes are what that extension promises: a PDF begins with
%PDF-, a JPEG with FF D8 FF, a .docx is a ZIP holding word/document.xml, and so on. The
browser's content type and the sender's word are not trusted; the stored type is the one the
content showed. A download is always an attachment (never rendered in our origin), with
nosniff and a sandboxing Content-Security-Policy.
"""

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from arenden import konfiguration
from arenden.errors import OgiltigBilaga
from arenden.models import Bilaga

# Bytes read to recognise a type; a PDF may put its header anywhere in the first kilobyte.
BORJAN = 8192

# Extension -> (MIME type stored and served, the kind the content must show).
TYPER = {
    ".pdf": ("application/pdf", "pdf"),
    ".jpg": ("image/jpeg", "jpeg"),
    ".jpeg": ("image/jpeg", "jpeg"),
    ".png": ("image/png", "png"),
    ".gif": ("image/gif", "gif"),
    ".heic": ("image/heic", "heif"),
    ".heif": ("image/heif", "heif"),
    ".tif": ("image/tiff", "tiff"),
    ".tiff": ("image/tiff", "tiff"),
    ".txt": ("text/plain", "text"),
    ".csv": ("text/csv", "text"),
    ".eml": ("message/rfc822", "text"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", "odt"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ".doc": ("application/msword", "ole"),
    ".xls": ("application/vnd.ms-excel", "ole"),
}

_HEIF_MARKEN = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
# The part of an Office Open XML package that says which kind of document it is.
_OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_ODF = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class KontrolleradFil:
    """What the check learnt: the name to store, the real type, the size and the sha256."""

    namn: str
    typ: str
    storlek: int
    sha256: str


def tillatna_filtyper() -> list[str]:
    """The extensions any channel takes, from settings, lower case."""
    return [t.lower() for t in konfiguration.varde("BILAGA_FILTYPER")]


def filnamn_stada(namn: str) -> str:
    """A file name safe to store and show: no path, no control characters, at most 255."""
    namn = unicodedata.normalize("NFC", PurePath(namn.replace("\\", "/")).name)
    namn = "".join(t for t in namn if unicodedata.category(t)[0] != "C").strip(" .")
    return namn[-255:] or "bilaga"


def _ar_text(borjan: bytes) -> bool:
    """Text: no NUL or other C0 control bytes than tab, line breaks, form feed and escape."""
    return not any(b < 0x09 or 0x0E <= b < 0x1B or 0x1C <= b < 0x20 for b in borjan)


def _zip_innehaller(fil: IO[bytes], slag: str) -> bool:
    try:
        with zipfile.ZipFile(fil) as arkiv:
            namn = arkiv.namelist()
            if slag in _OOXML:
                return "[Content_Types].xml" in namn and any(
                    n.startswith(_OOXML[slag]) for n in namn
                )
            return "mimetype" in namn and arkiv.read("mimetype").strip() == _ODF[slag]
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False


def _innehall_stammer(fil: IO[bytes], borjan: bytes, slag: str) -> bool:
    """Whether the content is of this kind, judged by its bytes alone."""
    if slag == "pdf":
        return b"%PDF-" in borjan[:1024]
    if slag == "jpeg":
        return borjan.startswith(b"\xff\xd8\xff")
    if slag == "png":
        return borjan.startswith(b"\x89PNG\r\n\x1a\n")
    if slag == "gif":
        return borjan[:6] in (b"GIF87a", b"GIF89a")
    if slag == "heif":
        return borjan[4:8] == b"ftyp" and borjan[8:12] in _HEIF_MARKEN
    if slag == "tiff":
        return borjan[:4] in (b"II*\x00", b"MM\x00*")
    if slag == "ole":
        return borjan.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if slag == "text":
        return _ar_text(borjan)
    if slag in _OOXML or slag in _ODF:
        return borjan.startswith(b"PK\x03\x04") and _zip_innehaller(fil, slag)
    return False


def bilaga_kontrollera(
    *,
    namn: str,
    fil: bytes | IO[bytes],
    max_storlek: int,
    tillatna: Iterable[str] | None = None,
    falt: str = "bilagor",
) -> KontrolleradFil:
    """Check one incoming file for every channel; return its clean name, real type and hash.

    `tillatna` narrows the allow-list (a scanned letter is a PDF); it never widens it.
    Raises OgiltigBilaga with a Swedish message saying what is wrong.
    """
    namn = filnamn_stada(namn or "")
    strom = io.BytesIO(fil) if isinstance(fil, bytes) else fil
    strom.seek(0, io.SEEK_END)
    storlek = strom.tell()
    extra = {"falt": falt, "namn": namn}
    if not storlek:
        raise OgiltigBilaga(
            _("Filen %(namn)s är tom.") % {"namn": namn}, code="bilaga_tom", extra=extra
        )
    if storlek > max_storlek:
        raise OgiltigBilaga(
            _("Filen %(namn)s är %(storlek)s; största tillåtna är %(max)s.")
            % {
                "namn": namn,
                "storlek": filesizeformat(storlek),
                "max": filesizeformat(max_storlek),
            },
            code="bilaga_for_stor",
            extra=extra,
        )
    godkanda = tillatna_filtyper()
    if tillatna is not None:
        godkanda = [t for t in godkanda if t in {x.lower() for x in tillatna}]
    andelse = PurePath(namn).suffix.lower()
    if andelse not in godkanda or andelse not in TYPER:
        raise OgiltigBilaga(
            _("Filen %(namn)s har en filtyp som inte tas emot. Tillåtna: %(typer)s.")
            % {"namn": namn, "typer": ", ".join(godkanda)},
            code="bilaga_filtyp",
            extra=extra,
        )
    typ, slag = TYPER[andelse]
    strom.seek(0)
    borjan = strom.read(BORJAN)
    strom.seek(0)
    if not _innehall_stammer(strom, borjan, slag):
        raise OgiltigBilaga(
            _("Filen %(namn)s är inte en %(typ)s-fil, fast namnet säger det.")
            % {"namn": namn, "typ": andelse.lstrip(".").upper()},
            code="bilaga_innehall",
            extra=extra,
        )
    summa = hashlib.sha256()
    strom.seek(0)
    while bit := strom.read(1024 * 1024):
        summa.update(bit)
    strom.seek(0)
    return KontrolleradFil(namn=namn, typ=typ, storlek=storlek, sha256=summa.hexdigest())


def sha256_for_fil(bilaga: Bilaga) -> str:
    """The sha256 of the stored file as it is now (FileNotFoundError when it is gone)."""
    summa = hashlib.sha256()
    with bilaga.fil.open("rb") as fil:
        while bit := fil.read(1024 * 1024):
            summa.update(bit)
    return summa.hexdigest()


def bilaga_svar(bilaga: Bilaga) -> FileResponse:
    """Serve a stored attachment as a download that no browser renders in our origin.

    Content-Disposition: attachment with the name in RFC 5987 form (Django encodes it);
    nosniff; and a Content-Security-Policy that sandboxes the file should a browser open it
    anyway.
    """
    svar = FileResponse(
        bilaga.fil.open("rb"),
        as_attachment=True,
        filename=filnamn_stada(bilaga.namn),
        content_type=bilaga.typ or "application/octet-stream",
    )
    svar["X-Content-Type-Options"] = "nosniff"
    svar["Content-Security-Policy"] = "default-src 'none'; sandbox"
    svar["Cache-Control"] = "private, no-store"
    return svar


# Rows read per query when every attachment is verified; only ids and paths are held.
VERIFIERA_BATCH = 500


@dataclass(frozen=True)
class Avvikelse:
    """An attachment whose file is gone ("saknas") or no longer what was stored ("andrad")."""

    typ: str
    bilaga_id: int
    namn: str
    arende: str
    fil: str


def bilagor_verifiera() -> Iterator[tuple[Bilaga, Avvikelse | None]]:
    """Check every attachment's file against its stored size and sha256, one at a time.

    Yield each attachment with its deviation, or None when the file is intact. Reads the
    files in full (a backup restore check, not a hot path).
    """
    bilagor = (
        Bilaga.objects.select_related("arende")
        .only("id", "fil", "namn", "storlek", "sha256", "arende__nummer")
        .order_by("id")
    )
    for bilaga in bilagor.iterator(chunk_size=VERIFIERA_BATCH):
        uppgifter = {
            "bilaga_id": bilaga.pk,
            "namn": bilaga.namn,
            "arende": bilaga.arende.nummer,
            "fil": bilaga.fil.name,
        }
        try:
            summa = sha256_for_fil(bilaga)
        except OSError:
            yield bilaga, Avvikelse(typ="saknas", **uppgifter)
            continue
        if summa != bilaga.sha256:
            yield bilaga, Avvikelse(typ="andrad", **uppgifter)
        else:
            yield bilaga, None
