"""Import and export of articles as JSON or CSV, for moving from an old system.

One format for both: the columns below; `alternativa_fragor` is a list in JSON and
"|"-separated in CSV; förvaltning and kategori are given by name.
"""

import csv
import datetime
import io
import json

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils.translation import gettext as _

from arenden.models import Forvaltning, Kategori, RosaNiva
from kontaktcenter.errors import ApplicationError
from kunskapsbank import services
from kunskapsbank.errors import ImportFel
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp

KOLUMNER = [
    "id", "fraga", "alternativa_fragor", "svar", "forvaltning", "kategori", "rosa",
    "malgrupp", "status", "granskas_senast",
]  # fmt: skip
# An import is one transaction; past this many rows the caller should split the file.
STORSTA_IMPORT = 20_000


def _rad(artikel: Kunskapsartikel) -> dict:
    return {
        "id": artikel.pk,
        "fraga": artikel.fraga,
        "alternativa_fragor": list(artikel.alternativa_fragor),
        "svar": artikel.svar,
        "forvaltning": artikel.forvaltning.namn,
        "kategori": artikel.kategori.namn if artikel.kategori_id else "",
        "rosa": artikel.rosa,
        "malgrupp": artikel.malgrupp,
        "status": artikel.status,
        "granskas_senast": artikel.granskas_senast.isoformat() if artikel.granskas_senast else "",
    }


def exportera_json(artiklar) -> str:
    return json.dumps([_rad(a) for a in artiklar], ensure_ascii=False, indent=1)


def exportera_csv(artiklar) -> str:
    ut = io.StringIO()
    skrivare = csv.DictWriter(ut, fieldnames=KOLUMNER)
    skrivare.writeheader()
    for artikel in artiklar:
        rad = _rad(artikel)
        rad["alternativa_fragor"] = "|".join(rad["alternativa_fragor"])
        skrivare.writerow(rad)
    return ut.getvalue()


def las_text(data: bytes) -> str:
    """Decode an uploaded file; refuse anything that is not UTF-8 text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFel(
            _("Filen är inte text i UTF-8. Exportera den som CSV eller JSON.")
        ) from None


def las_json(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportFel(_("Filen är inte giltig JSON: %(fel)s") % {"fel": e.msg}) from None
    return las_lista(data)


def las_lista(data) -> list[dict]:
    """Check that parsed JSON is a list of articles (objects)."""
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFel(_("JSON-filen ska innehålla en lista med artiklar."))
    return data


def _text(rad: dict, namn: str, nummer: int) -> str:
    """One field of a row as text; a number is read as its digits, anything else refused."""
    varde = rad.get(namn)
    if varde is None:
        return ""
    if isinstance(varde, bool) or not isinstance(varde, str | int):
        raise ImportFel(
            _("Rad %(rad)d: fältet %(falt)s ska vara text.") % {"rad": nummer, "falt": namn},
            extra={"rad": nummer},
        )
    return str(varde)


def las_csv(text: str) -> list[dict]:
    rader = list(csv.DictReader(io.StringIO(text)))
    for rad in rader:
        rad["alternativa_fragor"] = [a for a in (rad.get("alternativa_fragor") or "").split("|")]
    return rader


@transaction.atomic
def artiklar_importera(*, rader: list[dict], av: AbstractUser, kommun_id: int) -> int:
    """Create one article per row, all or none; return how many were created.

    A row names its förvaltning (and kategori) by name in the importer's kommun; status
    defaults to utkast.
    """
    if len(rader) > STORSTA_IMPORT:
        raise ImportFel(
            _("Dela upp filen: högst %(n)d artiklar per import.") % {"n": STORSTA_IMPORT}
        )
    forvaltningar = {f.namn: f for f in Forvaltning.objects.filter(kommun_id=kommun_id)}
    kategorier = {
        (k.forvaltning_id, k.namn): k
        for k in Kategori.objects.filter(forvaltning__kommun_id=kommun_id)
    }
    for nummer, rad in enumerate(rader, start=1):
        alternativa = rad.get("alternativa_fragor") or []
        if not isinstance(alternativa, list) or not all(isinstance(a, str) for a in alternativa):
            raise ImportFel(
                _("Rad %(rad)d: alternativa_fragor ska vara en lista med text.") % {"rad": nummer},
                extra={"rad": nummer},
            )
        rad = {
            namn: _text(rad, namn, nummer)
            for namn in (
                "forvaltning",
                "kategori",
                "status",
                "malgrupp",
                "rosa",
                "granskas_senast",
                "fraga",
                "svar",
            )
        } | {"alternativa_fragor": alternativa}
        forvaltning = forvaltningar.get((rad.get("forvaltning") or "").strip())
        if forvaltning is None:
            raise ImportFel(
                _("Rad %(rad)d: okänd förvaltning %(namn)s.")
                % {"rad": nummer, "namn": rad.get("forvaltning")},
                extra={"rad": nummer},
            )
        status = (rad.get("status") or ArtikelStatus.UTKAST).strip()
        malgrupp = (rad.get("malgrupp") or Malgrupp.INTERN).strip()
        try:
            rosa = int(rad.get("rosa") or RosaNiva.INFORMATION)
            granskas = (
                datetime.date.fromisoformat(rad["granskas_senast"])
                if rad.get("granskas_senast")
                else None
            )
        except ValueError:
            raise ImportFel(
                _("Rad %(rad)d: ROSA-nivå eller datum går inte att läsa.") % {"rad": nummer},
                extra={"rad": nummer},
            ) from None
        try:
            services.artikel_skapa(
                fraga=rad.get("fraga") or "",
                svar=rad.get("svar") or "",
                alternativa_fragor=rad.get("alternativa_fragor") or [],
                forvaltning=forvaltning,
                kategori=kategorier.get((forvaltning.pk, (rad.get("kategori") or "").strip())),
                rosa=rosa,
                malgrupp=malgrupp,
                status=status,
                granskas_senast=granskas,
                av=av,
            )
        except ApplicationError as e:
            raise ImportFel(
                _("Rad %(rad)d: %(fel)s") % {"rad": nummer, "fel": e.message},
                extra={"rad": nummer},
            ) from None
    return len(rader)
