"""Placing a fetched mail on an ärende, the kvitto, answers out, and the triage list.

The channel never writes Arende rows: a new mail opens one with `arende_skapa`, a reply
lands through `arende_ta_emot_meddelande`, an answer is marked delivered through
`arende_svar_levererat`.
"""

import re
import smtplib
import time
from datetime import timedelta
from email.utils import make_msgid

from django.contrib.auth.models import AbstractUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arenden import konfiguration as arende_konfiguration
from arenden import services as arende_services
from arenden.models import Arende, Bilaga, Kanal, Meddelande
from kanaler.epost import konfiguration, tolkning
from kanaler.epost.errors import InkommetFel, SmtpFel
from kanaler.epost.models import Epostkonto, Inkommet, Kvittomall, Signatur, Utskick

# A status link is signed with this salt; the citizen status page verifies it the same way.
STATUS_SALT = "arenden.status"
KVITTO_PER_AVSANDARE = timedelta(hours=1)
_KVITTOMALLAR: dict[int, tuple[float, Kvittomall | None]] = {}
_SVARSPREFIX = re.compile(r"^\s*((re|sv|aw|vs|fw|fwd|vb)\s*:\s*)+", re.IGNORECASE)


def _tagg(nummer: str) -> str:
    return f"[{nummer}]"


def _tagg_monster() -> re.Pattern:
    prefix = re.escape(arende_konfiguration.varde("ARENDENUMMER_PREFIX"))
    return re.compile(rf"\[({prefix}-\d{{4}}-\d{{6}})\]")


def statuslank(*, arende: Arende) -> str:
    """Return the citizen's link to the ärende's status page (a signed, unguessable token)."""
    token = signing.Signer(salt=STATUS_SALT).sign(arende.nummer)
    bas = konfiguration.varde("PUBLIK_BAS_URL").rstrip("/")
    return f"{bas}/status/{token}/"


def _giltig_adress(adress: str) -> bool:
    try:
        validate_email(adress)
    except ValidationError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# In


def _hitta_arende(inkommet: Inkommet, tolkat: tolkning.Tolkat) -> Arende | None:
    """Find the ärende a mail continues: the tag in the subject, or a Message-ID it names."""
    traff = _tagg_monster().search(tolkat.amne)
    if traff:
        arende = Arende.objects.filter(nummer=traff.group(1)).first()
        if arende is not None:
            return arende
    ids = [i for i in (tolkat.in_reply_to, *tolkat.references, *tolkat.inre_ids) if i]
    if not ids:
        return None
    utskick = Utskick.objects.filter(message_id__in=ids).select_related("arende").first()
    if utskick is not None:
        return utskick.arende
    tidigare = (
        Inkommet.objects.filter(konto=inkommet.konto, message_id__in=ids, meddelande__isnull=False)
        .select_related("meddelande__arende")
        .first()
    )
    return tidigare.meddelande.arende if tidigare else None


@transaction.atomic
def inkommet_placera(*, inkommet: Inkommet) -> Inkommet:
    """Parse a stored mail and put it on its ärende, a new ärende, or the triage list.

    A reply (tag or Message-ID) lands on its ärende and reopens it; an auto-reply or a
    bounce is stored there without reopening, or goes to triage when it belongs nowhere.
    Only a new ärende from a real person gets a kvitto.
    """
    konto = inkommet.konto
    ra = bytes(inkommet.ra)
    tolkat = tolkning.tolka(ra)
    brus = tolkat.studs or tolkat.autosvar
    inkommet.typ = (
        Inkommet.Typ.STUDS
        if tolkat.studs
        else Inkommet.Typ.AUTOSVAR
        if tolkat.autosvar
        else Inkommet.Typ.VANLIGT
    )
    inkommet.avsandare = tolkat.avsandare[:300]
    inkommet.amne = tolkat.amne[:300]
    inkommet.ofullstandig = tolkat.ofullstandig
    inkommet.fel = ""
    falt = ["typ", "avsandare", "amne", "ofullstandig", "status", "meddelande", "fel"]
    arende = _hitta_arende(inkommet, tolkat)
    if arende is None and brus:
        inkommet.status = Inkommet.Status.TRIAGE
        inkommet.save(update_fields=falt)
        return inkommet
    ny = arende is None
    if ny:
        kontakt = None
        if _giltig_adress(tolkat.avsandare_adress) and not tolkat.inget_svar:
            kontakt = arende_services.kontakt_hitta_eller_skapa(
                namn=tolkat.avsandare_namn, epost=tolkat.avsandare_adress
            )
        arende = arende_services.arende_skapa(
            rubrik=tolkat.amne or _("(inget ämne)"),
            kanal=Kanal.EPOST,
            av=None,
            kontakt=kontakt,
            kategori=konto.kategori,
            forvaltning=konto.forvaltning,
            inkom=inkommet.mottagen,
        )
    meddelande = _meddelande_skapa(arende, inkommet, tolkat, ateroppna=not brus)
    inkommet.meddelande = meddelande
    inkommet.status = Inkommet.Status.PLACERAD
    inkommet.save(update_fields=falt)
    if ny and konto.skicka_kvitto and not tolkat.inget_svar:
        kvitto_skicka(arende=arende, konto=konto, till=tolkat.avsandare_adress, tolkat=tolkat)
    return inkommet


def _meddelande_skapa(
    arende: Arende, inkommet: Inkommet, tolkat: tolkning.Tolkat, *, ateroppna: bool
) -> Meddelande:
    max_bilaga = konfiguration.varde("MAX_BILAGA")
    anmarkningar = list(tolkat.anmarkningar)
    if inkommet.bara_huvud:
        anmarkningar.append(
            _(
                "Brevet är %(mb).1f MB, över gränsen, och hämtades inte. Det ligger kvar i "
                "brevlådan %(konto)s."
            )
            % {"mb": inkommet.storlek / 1_048_576, "konto": inkommet.konto.adress}
        )
    delar = []
    for del_ in tolkat.delar:
        if len(del_.data) > max_bilaga:
            anmarkningar.append(
                _("Bilagan %(namn)s (%(mb).1f MB) är över gränsen och finns bara i originalet.")
                % {"namn": del_.namn, "mb": len(del_.data) / 1_048_576}
            )
        else:
            delar.append(del_)
    text = tolkat.text
    if anmarkningar:
        text = "\n".join(f"[{a}]" for a in anmarkningar) + ("\n\n" + text if text else "")
    meddelande = arende_services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.EPOST,
        text=text,
        avsandare=tolkat.avsandare[:300],
        amne=tolkat.amne[:300],
        html=tolkat.html,
        ateroppna=ateroppna,
        metadata={
            "konto": inkommet.konto.namn,
            "inkommet_id": inkommet.pk,
            "message_id": tolkat.message_id,
            "in_reply_to": tolkat.in_reply_to,
            "references": tolkat.references[-20:],
            "typ": inkommet.typ,
            "ofullstandig": tolkat.ofullstandig,
            "adress": tolkat.avsandare_adress,
        },
    )
    if tolkat.ofullstandig or inkommet.bara_huvud:
        delar.append(
            tolkning.Del(namn="original.eml", typ="message/rfc822", data=bytes(inkommet.ra))
        )
    bilagor = []
    for del_ in delar:
        sha = del_.sha256
        namn = default_storage.save(
            f"bilagor/{timezone.now():%Y/%m}/{sha[:16]}-{_filnamn(del_.namn)}",
            ContentFile(del_.data),
        )
        bilagor.append(
            Bilaga(
                meddelande=meddelande,
                arende=meddelande.arende,
                fil=namn,
                namn=del_.namn[:255],
                typ=del_.typ[:100],
                storlek=len(del_.data),
                sha256=sha,
            )
        )
    Bilaga.objects.bulk_create(bilagor)
    return meddelande


def _filnamn(namn: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", namn)[-80:] or "bilaga"


@transaction.atomic
def inkommet_koppla(*, inkommet: Inkommet, arende: Arende, av: AbstractUser) -> Inkommet:
    """Attach a mail from the triage list to an ärende (without reopening it)."""
    inkommet = Inkommet.objects.select_for_update().select_related("konto").get(pk=inkommet.pk)
    if inkommet.status not in (Inkommet.Status.TRIAGE, Inkommet.Status.FEL):
        raise InkommetFel(_("Brevet är redan hanterat."), code="inkommet_redan_hanterat")
    tolkat = tolkning.tolka(bytes(inkommet.ra))
    inkommet.meddelande = _meddelande_skapa(arende, inkommet, tolkat, ateroppna=False)
    inkommet.status = Inkommet.Status.PLACERAD
    inkommet.hanterad_av = av
    inkommet.save(update_fields=["meddelande", "status", "hanterad_av"])
    arende_services.arende_anteckna(
        arende=inkommet.meddelande.arende,
        av=av,
        text=_("Kopplade e-post från triagelistan: %(amne)s") % {"amne": inkommet.amne},
    )
    return inkommet


@transaction.atomic
def inkommet_kassera(*, inkommet: Inkommet, av: AbstractUser) -> Inkommet:
    """Discard a mail from the triage list; its raw source stays stored."""
    inkommet = Inkommet.objects.select_for_update().get(pk=inkommet.pk)
    if inkommet.status not in (Inkommet.Status.TRIAGE, Inkommet.Status.FEL):
        raise InkommetFel(_("Brevet är redan hanterat."), code="inkommet_redan_hanterat")
    inkommet.status = Inkommet.Status.KASSERAD
    inkommet.hanterad_av = av
    inkommet.save(update_fields=["status", "hanterad_av"])
    return inkommet


# ---------------------------------------------------------------------------------------
# Out


def _utskick_skapa(
    *,
    arende: Arende,
    konto: Epostkonto,
    typ: str,
    till: str,
    amne: str,
    text: str,
    in_reply_to: str = "",
    references: list[str] | None = None,
    meddelande: Meddelande | None = None,
) -> Utskick:
    from kanaler.epost import tasks

    doman = konto.adress.rsplit("@", 1)[-1]
    utskick = Utskick.objects.create(
        arende=arende,
        meddelande=meddelande,
        konto=konto,
        typ=typ,
        message_id=make_msgid(idstring="kc", domain=doman),
        fran=konto.adress,
        till=till,
        amne=amne[:300],
        text=text,
        in_reply_to=in_reply_to,
        references=" ".join((references or [])[-20:]),
    )
    tasks.skicka_utskick.delay_on_commit(utskick.pk)
    return utskick


def kvitto_skicka(
    *, arende: Arende, konto: Epostkonto, till: str, tolkat: tolkning.Tolkat
) -> Utskick | None:
    """Queue the automatic acknowledgement, unless it would answer a machine or repeat itself.

    Never to an auto-reply, a bounce or a no-reply address; at most one per sender per hour.
    """
    if tolkat.autosvar or tolkat.studs or tolkat.inget_svar or not _giltig_adress(till):
        return None
    if Utskick.objects.filter(
        till=till, typ=Utskick.Typ.KVITTO, skapad__gte=timezone.now() - KVITTO_PER_AVSANDARE
    ).exists():
        return None
    with translation.override("sv"):
        sammanhang = {
            "arende": arende,
            "svar_senast": timezone.localtime(arende.svar_senast) if arende.svar_senast else None,
            "statuslank": statuslank(arende=arende),
            "forvaltning": arende.forvaltning.namn if arende.forvaltning else "",
            "kommun": arende.kommun.namn,
        }
        mall = _kvittomall(arende.forvaltning_id)
        if mall is not None:
            text = Template(mall.text).render(Context(sammanhang))
            rubrik = mall.amne or _("Vi har tagit emot ditt meddelande")
        else:
            text = render_to_string("epost/kvitto.txt", sammanhang)
            rubrik = _("Vi har tagit emot ditt meddelande")
    return _utskick_skapa(
        arende=arende,
        konto=konto,
        typ=Utskick.Typ.KVITTO,
        till=till,
        amne=f"{rubrik}: {arende.rubrik} {_tagg(arende.nummer)}",
        text=text,
        in_reply_to=tolkat.message_id,
        references=[*tolkat.references, tolkat.message_id] if tolkat.message_id else [],
    )


def _kvittomall(forvaltning_id: int | None) -> Kvittomall | None:
    """Return the förvaltning's template; cached a few seconds, as a fetch run reads it per mail."""
    if forvaltning_id is None:
        return None
    nu = time.monotonic()
    traff = _KVITTOMALLAR.get(forvaltning_id)
    if traff is None or nu - traff[0] > 5:
        traff = (nu, Kvittomall.objects.filter(forvaltning_id=forvaltning_id).first())
        _KVITTOMALLAR[forvaltning_id] = traff
    return traff[1]


def _konto_for(arende: Arende) -> Epostkonto | None:
    inkommet = Inkommet.objects.filter(meddelande__arende=arende).select_related("konto").first()
    if inkommet is not None:
        return inkommet.konto
    aktiva = Epostkonto.objects.filter(aktiv=True).order_by("id")
    return (
        aktiva.filter(forvaltning_id=arende.forvaltning_id).first()
        if arende.forvaltning_id
        else None
    ) or aktiva.first()


def signatur(*, av: AbstractUser | None, konto: Epostkonto, arende: Arende) -> str:
    """The signature KKiK asks for: name, befattning, förvaltning, kommun, address, contact."""
    if av is None:
        return ""
    uppgifter = Signatur.objects.filter(anvandare=av).first()
    medarbetare = getattr(av, "medarbetare", None)
    forvaltning = (
        medarbetare.forvaltning
        if medarbetare and medarbetare.forvaltning_id
        else arende.forvaltning
    )
    rader = [
        av.get_full_name() or av.get_username(),
        uppgifter.befattning if uppgifter else "",
        forvaltning.namn if forvaltning else "",
        (medarbetare.kommun.namn if medarbetare else arende.kommun.namn),
        uppgifter.postadress if uppgifter else "",
        _("Telefon: %(t)s") % {"t": uppgifter.telefon} if uppgifter and uppgifter.telefon else "",
        _("E-post: %(e)s") % {"e": konto.adress},
        uppgifter.webbplats if uppgifter else "",
    ]
    return "\n".join(r for r in rader if r)


def svar_leverera(*, arende: Arende, meddelande: Meddelande, av: AbstractUser | None) -> bool:
    """Send an answer on an e-post ärende by mail (the deliverer arende_svara calls).

    Returns False, and the answer counts as given at once, when there is no address to send
    to or no mailbox to send from.
    """
    kontakt = arende.kontakt
    if kontakt is None or not kontakt.epost:
        return False
    konto = _konto_for(arende)
    if konto is None:
        return False
    senaste = (
        Meddelande.objects.filter(arende=arende, riktning=Meddelande.Riktning.IN)
        .exclude(metadata__message_id="")
        .exclude(metadata__message_id=None)
        .exclude(metadata__typ__in=[Inkommet.Typ.AUTOSVAR, Inkommet.Typ.STUDS])
        .order_by("-skapad", "-id")
        .first()
    )
    in_reply_to = senaste.metadata.get("message_id", "") if senaste else ""
    references = [*(senaste.metadata.get("references") or []), in_reply_to] if senaste else []
    bas = _SVARSPREFIX.sub("", (senaste.amne if senaste else "") or arende.rubrik).strip()
    amne = f"SV: {bas}"
    if _tagg(arende.nummer) not in amne:
        amne = f"{amne} {_tagg(arende.nummer)}"
    namnrad = signatur(av=av, konto=konto, arende=arende)
    text = meddelande.text + (f"\n\n-- \n{namnrad}" if namnrad else "")
    utskick = _utskick_skapa(
        arende=arende,
        konto=konto,
        typ=Utskick.Typ.SVAR,
        till=kontakt.epost,
        amne=amne,
        text=text,
        in_reply_to=in_reply_to,
        references=[r for r in references if r],
        meddelande=meddelande,
    )
    meddelande.amne = amne[:300]
    meddelande.mottagare = kontakt.epost
    meddelande.metadata = {**meddelande.metadata, "message_id": utskick.message_id}
    meddelande.save(update_fields=["amne", "mottagare", "metadata"])
    return True


def utskick_skicka(*, utskick_id: int) -> Utskick:
    """Send one queued mail over SMTP; an answer is marked delivered only once accepted.

    Idempotent: a mail already sent is not sent again. A refused or failed send leaves the
    row `ej_skickad` with the error (visible on the ärende) and raises SmtpFel for a retry.
    """
    misslyckat: Exception | None = None
    with transaction.atomic():
        utskick = (
            Utskick.objects.select_for_update(of=("self",))
            .select_related("meddelande", "arende")
            .get(pk=utskick_id)
        )
        if utskick.status == Utskick.Status.SKICKAD:
            return utskick
        utskick.forsok += 1
        try:
            _smtp_skicka(utskick)
        except (smtplib.SMTPException, OSError) as fel:
            misslyckat = fel
            utskick.status = Utskick.Status.EJ_SKICKAD
            utskick.fel = f"{type(fel).__name__}: {fel}"[:2000]
            utskick.save(update_fields=["status", "fel", "forsok"])
        else:
            utskick.status = Utskick.Status.SKICKAD
            utskick.skickad = timezone.now()
            utskick.fel = ""
            utskick.save(update_fields=["status", "skickad", "fel", "forsok"])
            if utskick.typ == Utskick.Typ.SVAR and utskick.meddelande_id:
                arende_services.arende_svar_levererat(meddelande=utskick.meddelande)
    if misslyckat is not None:
        raise SmtpFel(
            _("E-posten till %(till)s kunde inte skickas: %(fel)s")
            % {"till": utskick.till, "fel": misslyckat},
            extra={"utskick_id": utskick.pk},
        ) from misslyckat
    return utskick


def _smtp_skicka(utskick: Utskick) -> None:
    rubriker = {"Message-ID": utskick.message_id}
    if utskick.in_reply_to:
        rubriker["In-Reply-To"] = utskick.in_reply_to
    if utskick.references:
        rubriker["References"] = utskick.references
    if utskick.typ == Utskick.Typ.KVITTO:
        # RFC 3834: other responders must not answer an automatic reply.
        rubriker["Auto-Submitted"] = "auto-replied"
        rubriker["X-Auto-Response-Suppress"] = "All"
    brev = EmailMessage(
        subject=utskick.amne,
        body=utskick.text,
        from_email=utskick.fran,
        to=[utskick.till],
        headers=rubriker,
        connection=get_connection(fail_silently=False),
    )
    brev.send(fail_silently=False)


@transaction.atomic
def utskick_forsok_igen(*, utskick: Utskick, av: AbstractUser) -> Utskick:
    """Queue a failed send again (the retry button on the ärende)."""
    from kanaler.epost import tasks

    utskick = Utskick.objects.select_for_update().get(pk=utskick.pk)
    if utskick.status != Utskick.Status.EJ_SKICKAD:
        return utskick
    utskick.status = Utskick.Status.KOAD
    utskick.save(update_fields=["status"])
    arende_services.arende_anteckna(
        arende=utskick.arende,
        av=av,
        text=_("Nytt försök att skicka e-post till %(till)s.") % {"till": utskick.till},
    )
    tasks.skicka_utskick.delay_on_commit(utskick.pk)
    return utskick
