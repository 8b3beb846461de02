"""E-tjänst submissions, the public contact form and additions from the status page.

Each entry point opens or continues an ärende through arenden.services and never writes
Arende rows itself. Attachments are checked before anything is written, and each entry point
is one transaction, so a refused submission leaves nothing behind.
"""

import hashlib
import time

from django.contrib.auth.models import AbstractUser
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.utils.translation import gettext as _

from arenden import services as arende_services
from arenden import statuslankar
from arenden.bilagor import KontrolleradFil, bilaga_kontrollera
from arenden.models import Arende, Bilaga, Kanal, Kategori, Meddelande
from kanaler.epost import services as epost_services
from kanaler.etjanst import konfiguration
from kanaler.etjanst.errors import ForManga, OgiltigBilaga, OgiltigInlamning, SkrapPost
from kanaler.etjanst.models import Inlamning
from kanaler.etjanst.tolkning import Inlamningsdata
from kanaler.snabbregistrering import forslag

FORMULAR_SALT = "kanaler.etjanst.formular"


# ---------------------------------------------------------------------------------------
# Attachments


def bilagor_kontrollera(
    *, bilagor: list[tuple[str, bytes | UploadedFile]]
) -> list[KontrolleradFil]:
    """Refuse too many attachments, or one that arenden.bilagor refuses (size, type, content).

    Return what the check learnt about each, in order.
    """
    maxantal = konfiguration.varde("MAX_BILAGOR")
    if len(bilagor) > maxantal:
        raise OgiltigBilaga(
            _("Högst %(max)d bilagor får skickas med; du skickade %(antal)d.")
            % {"max": maxantal, "antal": len(bilagor)},
            code="for_manga_bilagor",
            extra={"falt": "bilagor"},
        )
    return [
        bilaga_kontrollera(namn=namn, fil=fil, max_storlek=konfiguration.varde("MAX_BILAGA"))
        for namn, fil in bilagor
    ]


def _bilaga_spara(meddelande: Meddelande, fil, kontrollerad: KontrolleradFil) -> Bilaga:
    return Bilaga.objects.create(
        meddelande=meddelande,
        arende=meddelande.arende,
        fil=fil,
        namn=kontrollerad.namn,
        typ=kontrollerad.typ,
        storlek=kontrollerad.storlek,
        sha256=kontrollerad.sha256,
    )


def _svarstext(svar: list[tuple[str, str]]) -> str:
    return "\n".join(f"{fraga}: {varde}" for fraga, varde in svar)


# ---------------------------------------------------------------------------------------
# Submissions from an e-service platform


def inlamning_ta_emot(*, data: Inlamningsdata, av: AbstractUser | None) -> tuple[Inlamning, bool]:
    """Open an ärende for a submission; a replay of the same external id returns the first.

    Returns the Inlamning and whether it is new. The kategori is suggested from the service
    name and the answers.
    """
    if not data.tjanst or not data.extern_id:
        raise OgiltigInlamning(_("Inlämningen saknar e-tjänstens namn eller externt id."))
    tidigare = Inlamning.objects.filter(extern_id=data.extern_id).select_related("arende")
    if (inlamning := tidigare.first()) is not None:
        return inlamning, False
    kontrollerade = bilagor_kontrollera(bilagor=[(b.namn, b.innehall) for b in data.bilagor])
    try:
        return _inlamning_skapa(data=data, av=av, kontrollerade=kontrollerade), True
    except IntegrityError:
        # The same submission arrived twice at once; the other request created it.
        return tidigare.get(), False


@arende_services.atomic_block()
def _inlamning_skapa(
    *, data: Inlamningsdata, av: AbstractUser | None, kontrollerade: list[KontrolleradFil]
) -> Inlamning:
    text = _svarstext(data.svar)
    forslagen = forslag.kategori_foresla(text=f"{data.tjanst} {text}", antal=1)
    sokande = {k: (v or "").strip() for k, v in data.sokande.items() if (v or "").strip()}
    arende = arende_services.arende_registrera(
        av=av,
        kontakt=sokande,
        rubrik=data.tjanst,
        beskrivning=text,
        kanal=Kanal.ETJANST,
        kategori=forslagen[0] if forslagen else None,
        inkom=data.inlamnad,
    )
    meddelande = arende_services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.ETJANST,
        text=text or data.tjanst,
        avsandare=str(arende.kontakt) if arende.kontakt_id else "",
        amne=data.tjanst[:300],
        metadata={
            "extern_id": data.extern_id,
            "format": data.format,
            "svar": [[f, v] for f, v in data.svar],
        },
        ateroppna=False,
    )
    for bilaga, kontrollerad in zip(data.bilagor, kontrollerade, strict=True):
        fil = ContentFile(bilaga.innehall, name=kontrollerad.namn)
        _bilaga_spara(meddelande, fil, kontrollerad)
    return Inlamning.objects.create(
        extern_id=data.extern_id, tjanst=data.tjanst[:200], format=data.format, arende=arende
    )


# ---------------------------------------------------------------------------------------
# The public contact form


def formular_stampel() -> str:
    """A signed time stamp the form carries, so the time it took to fill can be checked."""
    return signing.dumps(time.time(), salt=FORMULAR_SALT)


def skrap_kontrollera(*, honung: str, stampel: str) -> None:
    """Refuse a form with its hidden field filled, or sent too fast, or stale, or forged."""
    if honung:
        raise SkrapPost(_("Formuläret kunde inte skickas. Försök igen."), code="skrap_honung")
    try:
        startad = float(
            signing.loads(
                stampel, salt=FORMULAR_SALT, max_age=konfiguration.varde("MAX_FYLLTID_SEKUNDER")
            )
        )
    except (signing.BadSignature, TypeError, ValueError):
        raise SkrapPost(
            _("Formuläret har legat för länge eller är ogiltigt. Ladda om sidan och försök igen."),
            code="skrap_stampel",
        ) from None
    if time.time() - startad < konfiguration.varde("MIN_FYLLTID_SEKUNDER"):
        raise SkrapPost(
            _("Formuläret skickades för snabbt. Vänta en stund och försök igen."),
            code="skrap_for_snabbt",
        )


def publik_post_rakna(*, adresser: list[str]) -> None:
    """Count one public post per address (IP, e-post) in Redis; refuse past the hourly limit."""
    maxantal = konfiguration.varde("MAX_PER_TIMME")
    for adress in filter(None, adresser):
        nyckel = "etjanst:publik:" + hashlib.sha256(adress.lower().encode()).hexdigest()
        cache.add(nyckel, 0, timeout=3600)
        try:
            antal = cache.incr(nyckel)
        except ValueError:  # expired between add and incr
            cache.set(nyckel, 1, timeout=3600)
            antal = 1
        if antal > maxantal:
            raise ForManga(
                _("Du har skickat många meddelanden den senaste timmen. Försök igen senare."),
                code="for_manga_inskick",
            )


@arende_services.atomic_block()
def kontaktformular_skicka(
    *,
    kategori: Kategori | None,
    rubrik: str,
    text: str,
    kontakt: dict[str, str],
    bilagor: list[UploadedFile],
) -> Arende:
    """Open an e-tjänst ärende from the public form and queue its kvitto with the status link.

    Without a kategori, the best suggestion from the text is used.
    """
    kontrollerade = bilagor_kontrollera(bilagor=[(f.name or "", f) for f in bilagor])
    rubrik, text = rubrik.strip(), text.strip()
    if kategori is None:
        forslagen = forslag.kategori_foresla(text=f"{rubrik} {text}", antal=1)
        kategori = forslagen[0] if forslagen else None
    kontakt = {k: v.strip() for k, v in kontakt.items() if v and v.strip()}
    arende = arende_services.arende_registrera(
        av=None,
        kontakt=kontakt,
        rubrik=rubrik or text[:80],
        beskrivning=text,
        kanal=Kanal.ETJANST,
        kategori=kategori,
    )
    meddelande = arende_services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.ETJANST,
        text=text,
        avsandare=str(arende.kontakt) if arende.kontakt_id else "",
        amne=rubrik[:300],
        metadata={"kalla": "kontaktformular"},
        ateroppna=False,
    )
    for fil, kontrollerad in zip(bilagor, kontrollerade, strict=True):
        fil.name = kontrollerad.namn
        _bilaga_spara(meddelande, fil, kontrollerad)
    statuslankar.statuslank_hamta_eller_skapa(arende=arende)
    if kontakt.get("epost"):
        epost_services.kvitto_skicka_till(arende=arende, till=kontakt["epost"])
    return arende


# ---------------------------------------------------------------------------------------
# The status page


def statussida_lagg_till(*, arende: Arende, text: str) -> Meddelande:
    """Add what the citizen wrote on the status page as an inbound message."""
    text = text.strip()
    if not text:
        raise OgiltigInlamning(
            _("Skriv något i rutan innan du skickar."), code="text_saknas", extra={"falt": "text"}
        )
    return arende_services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.ETJANST,
        text=text,
        avsandare=str(arende.kontakt) if arende.kontakt_id else "",
        metadata={"kalla": "statussida"},
    )
