"""Register a scanned letter: the ärende, the letter as an inbound message, the PDF attached.

The file is checked before anything is written (a PDF by its first bytes, not by its name
or the browser's word; not empty; not too large; not already registered), so a refused
upload leaves nothing behind.
"""

import hashlib
from datetime import date, datetime, time

from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import behorighet, kalender
from arenden import services as arende_services
from arenden.errors import OgiltigUppgift
from arenden.models import Arende, Bilaga, Kanal, Kategori
from kanaler.brev import konfiguration
from kanaler.brev.errors import OgiltigSkanning, SkanningRedanRegistrerad
from kanaler.snabbregistrering import forslag

PDF_BORJAN = b"%PDF-"
PDF_TYP = "application/pdf"


def skanning_kontrollera(*, fil: UploadedFile) -> str:
    """Check the upload is a non-empty PDF within the size limit; return its sha256."""
    maxstorlek = konfiguration.varde("MAX_STORLEK")
    if not fil.size:
        raise OgiltigSkanning(
            _("Filen %(namn)s är tom.") % {"namn": fil.name}, extra={"falt": "fil"}
        )
    if fil.size > maxstorlek:
        raise OgiltigSkanning(
            _("Filen %(namn)s är %(storlek)s; största tillåtna är %(max)s.")
            % {
                "namn": fil.name,
                "storlek": filesizeformat(fil.size),
                "max": filesizeformat(maxstorlek),
            },
            code="skanning_for_stor",
            extra={"falt": "fil"},
        )
    fil.seek(0)
    borjan = fil.read(1024)
    # PDF readers accept the header anywhere in the first kilobyte.
    if PDF_BORJAN not in borjan:
        raise OgiltigSkanning(
            _("Filen %(namn)s är ingen PDF. Skanna brevet till PDF och ladda upp den filen.")
            % {"namn": fil.name},
            code="skanning_inte_pdf",
            extra={"falt": "fil"},
        )
    summa = hashlib.sha256()
    fil.seek(0)
    for bit in fil.chunks():
        summa.update(bit)
    fil.seek(0)
    return summa.hexdigest()


def _inkom(mottaget: date | None) -> datetime:
    """A letter received today counts from now; an earlier one from the start of that day."""
    nu = timezone.now()
    if mottaget is None or mottaget == timezone.localdate(nu):
        return nu
    if mottaget > timezone.localdate(nu):
        raise OgiltigUppgift(
            _("Mottagningsdagen kan inte vara i framtiden."),
            code="mottaget_i_framtiden",
            extra={"falt": "mottaget"},
        )
    return datetime.combine(mottaget, time.min, tzinfo=kalender.TIDSZON)


@transaction.atomic
def brev_registrera(
    *,
    av: AbstractUser,
    fil: UploadedFile,
    fraga: str,
    mottaget: date | None = None,
    avsandare: dict[str, str] | None = None,
    kategori: Kategori | None = None,
    beskrivning: str = "",
) -> Arende:
    """Open an ärende for a scanned letter, with the PDF on its inbound message.

    Without a kategori, the best suggestion from what the letter concerns is used.
    """
    sha256 = skanning_kontrollera(fil=fil)
    tidigare = (
        Bilaga.objects.filter(sha256=sha256, arende__kanal=Kanal.BREV)
        .select_related("arende")
        .first()
    )
    if tidigare is not None:
        raise SkanningRedanRegistrerad(
            _("Samma skannade brev är redan registrerat som %(nummer)s.")
            % {"nummer": tidigare.arende.nummer},
            extra={"falt": "fil", "arende": tidigare.arende.nummer},
        )
    fraga = fraga.strip()
    if kategori is None and fraga:
        forslagen = forslag.kategori_foresla(
            text=f"{fraga} {beskrivning}", antal=1, kommun_id=behorighet.kommun_id_for_user(av)
        )
        kategori = forslagen[0] if forslagen else None
    avsandare = {k: v for k, v in (avsandare or {}).items() if v}
    inkom = _inkom(mottaget)
    arende = arende_services.arende_registrera(
        av=av,
        kontakt=avsandare,
        rubrik=fraga,
        beskrivning=beskrivning,
        kanal=Kanal.BREV,
        kategori=kategori,
        inkom=inkom,
    )
    meddelande = arende_services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.BREV,
        text=beskrivning or fraga,
        avsandare=str(arende.kontakt) if arende.kontakt_id else "",
        amne=fraga,
        metadata={
            "mottaget": timezone.localdate(inkom).isoformat(),
            "skannad_av": av.get_username(),
        },
        ateroppna=False,
    )
    Bilaga.objects.create(
        meddelande=meddelande,
        arende=arende,
        fil=fil,
        namn=(fil.name or "brev.pdf")[:255],
        typ=PDF_TYP,
        storlek=fil.size,
        sha256=sha256,
    )
    return arende
