"""Register a scanned letter: the ärende, the letter as an inbound message, the PDF attached.

The file is checked before anything is written (arenden.bilagor, narrowed to PDF: by its
first bytes, not by its name or the browser's word; not empty; not too large; not already
registered), so a refused upload leaves nothing behind.
"""

from datetime import date, datetime, time

from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import behorighet, kalender
from arenden import services as arende_services
from arenden.bilagor import KontrolleradFil, bilaga_kontrollera
from arenden.errors import OgiltigBilaga, OgiltigUppgift
from arenden.models import Arende, Bilaga, Kanal, Kategori
from kanaler.brev import konfiguration
from kanaler.brev.errors import OgiltigSkanning, SkanningRedanRegistrerad
from kanaler.snabbregistrering import forslag


def skanning_kontrollera(*, fil: UploadedFile) -> KontrolleradFil:
    """Check the upload through arenden.bilagor, narrowed to PDF; return what it learnt."""
    try:
        return bilaga_kontrollera(
            namn=fil.name or "brev.pdf",
            fil=fil,
            max_storlek=konfiguration.varde("MAX_STORLEK"),
            tillatna=[".pdf"],
            falt="fil",
        )
    except OgiltigBilaga as e:
        if e.code in ("bilaga_filtyp", "bilaga_innehall"):
            raise OgiltigSkanning(
                _("Filen %(namn)s är ingen PDF. Skanna brevet till PDF och ladda upp den filen.")
                % {"namn": fil.name},
                code="skanning_inte_pdf",
                extra={"falt": "fil"},
            ) from None
        raise OgiltigSkanning(
            e.message,
            code="skanning_for_stor" if e.code == "bilaga_for_stor" else "skanning_tom",
            extra={"falt": "fil"},
        ) from None


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
    kontrollerad = skanning_kontrollera(fil=fil)
    tidigare = (
        Bilaga.objects.filter(sha256=kontrollerad.sha256, arende__kanal=Kanal.BREV)
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
    fil.name = kontrollerad.namn
    Bilaga.objects.create(
        meddelande=meddelande,
        arende=arende,
        fil=fil,
        namn=kontrollerad.namn,
        typ=kontrollerad.typ,
        storlek=kontrollerad.storlek,
        sha256=kontrollerad.sha256,
    )
    return arende
