"""Placing a fetched mail on an ärende, the kvitto, answers out, and the triage list.

The channel never writes Arende rows: a new mail opens one with `arende_skapa`, a reply
lands through `arende_ta_emot_meddelande`, an answer is marked delivered through
`arende_svar_levererat`.
"""

import dataclasses
import re
import smtplib
import time
from datetime import timedelta
from email.utils import make_msgid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import connection, transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arenden import bilagor, statuslankar
from arenden import konfiguration as arende_konfiguration
from arenden import services as arende_services
from arenden.errors import OgiltigBilaga
from arenden.models import Arende, Bilaga, Kanal, Meddelande
from kanaler.epost import konfiguration, selectors, tolkning
from kanaler.epost.errors import InkommetFel, SmtpFel
from kanaler.epost.models import Epostkonto, Inkommet, Kvittomall, Signatur, Utskick

KVITTO_PER_AVSANDARE = timedelta(hours=1)
_KVITTOMALLAR: dict[int, tuple[float, Kvittomall | None]] = {}
_SVARSPREFIX = re.compile(r"^\s*((re|sv|aw|vs|fw|fwd|vb)\s*:\s*)+", re.IGNORECASE)


def _tagg(nummer: str) -> str:
    return f"[{nummer}]"


def _tagg_monster() -> re.Pattern:
    prefix = re.escape(arende_konfiguration.varde("ARENDENUMMER_PREFIX"))
    return re.compile(rf"\[({prefix}-\d{{4}}-\d{{6}})\]")


def statuslank(*, arende: Arende) -> str:
    """Return the citizen's link to the ärende's status page (a stored, revocable token)."""
    return _lank(statuslankar.statuslank_hamta_eller_skapa(arende=arende).token)


def _lank(token: str) -> str:
    bas = konfiguration.varde("PUBLIK_BAS_URL").rstrip("/")
    return f"{bas}/arende/{token}/"


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


_PLACERA_FALT = ["typ", "avsandare", "amne", "ofullstandig", "status", "meddelande", "fel"]


def _tolka(inkommet: Inkommet) -> tolkning.Tolkat:
    """Parse the stored bytes and copy what the triage list shows onto the row (unsaved)."""
    tolkat = tolkning.tolka(bytes(inkommet.ra))
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
    return tolkat


def _kontakt_uppgifter(tolkat: tolkning.Tolkat) -> tuple[str, str]:
    """(namn, epost) of the sender a new ärende gets as kontakt; no address: none."""
    if _giltig_adress(tolkat.avsandare_adress) and not tolkat.inget_svar:
        return tolkat.avsandare_namn, tolkat.avsandare_adress
    return "", ""


def _nytt_arende(inkommet: Inkommet, tolkat: tolkning.Tolkat) -> dict:
    """arende_skapa's arguments for a mail that opens a new ärende (kontakt apart)."""
    return {
        "rubrik": tolkat.amne or _("(inget ämne)"),
        "kanal": Kanal.EPOST,
        "kategori": inkommet.konto.kategori,
        "forvaltning": inkommet.konto.forvaltning,
        "inkom": inkommet.mottagen,
    }


@transaction.atomic
def inkommet_placera(*, inkommet: Inkommet) -> Inkommet:
    """Parse a stored mail and put it on its ärende, a new ärende, or the triage list.

    A reply (tag or Message-ID) lands on its ärende and reopens it; an auto-reply or a
    bounce is stored there without reopening, or goes to triage when it belongs nowhere.
    Only a new ärende from a real person gets a kvitto.
    """
    konto = inkommet.konto
    tolkat = _tolka(inkommet)
    brus = tolkat.studs or tolkat.autosvar
    falt = _PLACERA_FALT
    arende = _hitta_arende(inkommet, tolkat)
    if arende is None and brus:
        inkommet.status = Inkommet.Status.TRIAGE
        inkommet.save(update_fields=falt)
        return inkommet
    ny = arende is None
    if ny:
        kontakt = None
        namn, epost = _kontakt_uppgifter(tolkat)
        if epost:
            kontakt = arende_services.kontakt_hitta_eller_skapa(namn=namn, epost=epost)
        arende = arende_services.arende_skapa(
            av=None, kontakt=kontakt, **_nytt_arende(inkommet, tolkat)
        )
    meddelande = _meddelande_skapa(arende, inkommet, tolkat, ateroppna=not brus)
    inkommet.meddelande = meddelande
    inkommet.status = Inkommet.Status.PLACERAD
    inkommet.save(update_fields=falt)
    if ny and konto.skicka_kvitto and not tolkat.inget_svar:
        kvitto_skicka(arende=arende, konto=konto, till=tolkat.avsandare_adress, tolkat=tolkat)
    return inkommet


@transaction.atomic
def inkommet_placera_manga(*, rader: list[Inkommet]) -> None:
    """Place a batch of stored mails as inkommet_placera would one by one, in bulk.

    The mails that open new ärenden (the most) go in with one insert per table for the
    whole batch: kontakter, ärenden, messages, timeline, attachments, kvitton, whose sends
    are queued together after the commit. Noise that belongs nowhere goes to triage. A mail
    that may continue an ärende (its tag, or a Message-ID we know, in the database or
    earlier in the batch) goes through inkommet_placera afterwards, in the order received,
    so threading decides exactly as it does for one mail.

    No savepoint per mail: any failure raises and rolls the whole batch back; the caller
    (hamtning) then places the mails one at a time so that only the bad one is dead-lettered.
    """
    tolkade = [(inkommet, _tolka(inkommet)) for inkommet in rader]
    kan_fortsatta = _kan_fortsatta(tolkade)
    nya: list[tuple[Inkommet, tolkning.Tolkat]] = []
    triage: list[Inkommet] = []
    sedan: list[Inkommet] = []
    for (inkommet, tolkat), fortsatter in zip(tolkade, kan_fortsatta, strict=True):
        if fortsatter:
            sedan.append(inkommet)
        elif tolkat.studs or tolkat.autosvar:
            inkommet.status = Inkommet.Status.TRIAGE
            triage.append(inkommet)
        else:
            nya.append((inkommet, tolkat))

    kontakter = arende_services.kontakter_hitta_eller_skapa_epost(
        avsandare=[_kontakt_uppgifter(tolkat) for _i, tolkat in nya]
    )
    innehall = [_meddelande_innehall(inkommet, tolkat) for inkommet, tolkat in nya]
    arenden = arende_services.arenden_skapa_manga(
        nya=[
            arende_services.NyttArende(
                kontakt=kontakt, meddelande=meddelande, **_nytt_arende(inkommet, tolkat)
            )
            for (inkommet, tolkat), kontakt, (meddelande, _d) in zip(
                nya, kontakter, innehall, strict=True
            )
        ]
    )
    _bilagor_spara(
        [
            (arende.forsta_meddelande, delar)
            for arende, (_m, delar) in zip(arenden, innehall, strict=True)
        ]
    )
    for (inkommet, _t), arende in zip(nya, arenden, strict=True):
        inkommet.meddelande = arende.forsta_meddelande
        inkommet.status = Inkommet.Status.PLACERAD
    _inkommet_spara_manga([i for i, _t in nya] + triage)
    _kvitton_skicka([(i, tolkat, arende) for (i, tolkat), arende in zip(nya, arenden, strict=True)])
    for inkommet in sedan:
        inkommet_placera(inkommet=inkommet)


def _inkommet_spara_manga(rader: list[Inkommet]) -> None:
    """Save _PLACERA_FALT of many rows in one UPDATE … FROM (VALUES …).

    What bulk_update(rader, _PLACERA_FALT) does, but Django builds a CASE expression per
    row and field for that, which cost more than parsing the mails.
    """
    if not rader:
        return
    varden = "(%s::bigint, %s, %s, %s, %s::boolean, %s, %s::bigint, %s)"
    parametrar: list = []
    for r in rader:
        parametrar += [r.pk, r.typ, r.avsandare, r.amne, r.ofullstandig, r.status]
        parametrar += [r.meddelande_id, r.fel]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Inkommet._meta.db_table} AS i SET typ = v.typ, avsandare = v.avsandare, "
            "amne = v.amne, ofullstandig = v.ofullstandig, status = v.status, "
            "meddelande_id = v.meddelande_id, fel = v.fel "
            f"FROM (VALUES {', '.join([varden] * len(rader))}) "
            "AS v(id, typ, avsandare, amne, ofullstandig, status, meddelande_id, fel) "
            "WHERE i.id = v.id",
            parametrar,
        )


def _kan_fortsatta(tolkade: list[tuple[Inkommet, tolkning.Tolkat]]) -> list[bool]:
    """For each mail, whether _hitta_arende could find its ärende (three queries in all).

    True for a tag naming an existing ärende, or a Message-ID naming one of our mails, an
    earlier placed mail of the mailbox, or a mail earlier in the batch. False means
    inkommet_placera would surely open a new ärende (or triage it).
    """
    monster = _tagg_monster()
    taggar, ids = {}, {}
    for inkommet, tolkat in tolkade:
        traff = monster.search(tolkat.amne)
        taggar[inkommet.pk] = traff.group(1) if traff else None
        ids[inkommet.pk] = {
            i for i in (tolkat.in_reply_to, *tolkat.references, *tolkat.inre_ids) if i
        }
    alla_ids = set().union(*ids.values()) if ids else set()
    kanda_nummer = set(
        Arende.objects.filter(nummer__in={t for t in taggar.values() if t}).values_list(
            "nummer", flat=True
        )
    )
    vara = set(Utskick.objects.filter(message_id__in=alla_ids).values_list("message_id", flat=True))
    tidigare = set(
        Inkommet.objects.filter(
            konto_id__in={i.konto_id for i, _t in tolkade},
            message_id__in=alla_ids,
            meddelande__isnull=False,
        ).values_list("konto_id", "message_id")
    )
    i_batchen: set[tuple[int, str]] = set()
    svar = []
    for inkommet, tolkat in tolkade:
        egna = ids[inkommet.pk]
        svar.append(
            taggar[inkommet.pk] in kanda_nummer
            or bool(egna & vara)
            or any(
                (inkommet.konto_id, i) in tidigare or (inkommet.konto_id, i) in i_batchen
                for i in egna
            )
        )
        if tolkat.message_id:
            i_batchen.add((inkommet.konto_id, tolkat.message_id))
    return svar


def _kvitton_skicka(nya: list[tuple[Inkommet, tolkning.Tolkat, Arende]]) -> None:
    """kvitto_skicka for every new ärende of a batch: one insert, one queueing on commit.

    Same rules: only when the mailbox sends kvitton, never to a machine or a no-reply
    address, at most one per sender per hour (counting the ones earlier in the batch).
    """
    kandidater = [
        (inkommet.konto, tolkat, arende)
        for inkommet, tolkat, arende in nya
        if inkommet.konto.skicka_kvitto
        and not tolkat.inget_svar
        and _kvitto_tillatet(till=tolkat.avsandare_adress, tolkat=tolkat)
    ]
    if not kandidater:
        return
    redan = _nyliga_kvitton([tolkat.avsandare_adress for _k, tolkat, _a in kandidater])
    mottagare = []
    for konto, tolkat, arende in kandidater:
        if tolkat.avsandare_adress not in redan:
            redan.add(tolkat.avsandare_adress)
            mottagare.append((konto, tolkat, arende))
    # The ärenden were opened in this batch, so none has a status link yet.
    lankar = statuslankar.statuslankar_skapa_for_nya(arenden=[a for _k, _t, a in mottagare])
    utskick = [
        _utskick_bygg(
            **_kvitto_uppgifter(
                arende=arende,
                konto=konto,
                till=tolkat.avsandare_adress,
                tolkat=tolkat,
                lank=_lank(lank.token),
            )
        )
        for (konto, tolkat, arende), lank in zip(mottagare, lankar, strict=True)
    ]
    Utskick.objects.bulk_create(utskick)
    if utskick:
        from kanaler.epost import tasks

        # One message for the batch; the worker fans it out into one send per kvitto.
        tasks.koa_utskick.delay_on_commit([u.pk for u in utskick])


def _meddelande_skapa(
    arende: Arende, inkommet: Inkommet, tolkat: tolkning.Tolkat, *, ateroppna: bool
) -> Meddelande:
    meddelande_in, delar = _meddelande_innehall(inkommet, tolkat)
    meddelande = arende_services.arende_ta_emot_meddelande(
        arende=arende, kanal=Kanal.EPOST, ateroppna=ateroppna, **vars(meddelande_in)
    )
    _bilagor_spara([(meddelande, delar)])
    return meddelande


def _meddelande_innehall(
    inkommet: Inkommet, tolkat: tolkning.Tolkat
) -> tuple[arende_services.NyttMeddelande, list[tolkning.Del]]:
    """What a mail's message holds (text with notes, metadata) and the parts to store."""
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
    delar, avvisade = [], []
    for del_ in tolkat.delar:
        namn = del_.namn
        if del_.typ == "message/rfc822" and not namn.lower().endswith(".eml"):
            namn += ".eml"
        try:
            kontrollerad = bilagor.bilaga_kontrollera(
                namn=namn, fil=del_.data, max_storlek=max_bilaga
            )
        except OgiltigBilaga as e:
            # Bad input is kept and flagged, never dropped: the mail becomes its message as
            # usual, the refused file stays in the original (Inkommet.ra), with a note.
            avvisade.append({"namn": del_.namn, "kod": e.code})
            if e.code == "bilaga_for_stor":
                anmarkningar.append(
                    _("Bilagan %(namn)s (%(mb).1f MB) är över gränsen och finns bara i originalet.")
                    % {"namn": del_.namn, "mb": len(del_.data) / 1_048_576}
                )
            else:
                anmarkningar.append(
                    _("Bilagan %(namn)s togs inte emot och finns bara i originalet: %(fel)s")
                    % {"namn": del_.namn, "fel": e.message}
                )
            continue
        delar.append(dataclasses.replace(del_, namn=kontrollerad.namn, typ=kontrollerad.typ))
    text = tolkat.text
    if anmarkningar:
        text = "\n".join(f"[{a}]" for a in anmarkningar) + ("\n\n" + text if text else "")
    meddelande = arende_services.NyttMeddelande(
        text=text,
        avsandare=tolkat.avsandare[:300],
        amne=tolkat.amne[:300],
        html=tolkat.html,
        metadata={
            "konto": inkommet.konto.namn,
            "inkommet_id": inkommet.pk,
            "message_id": tolkat.message_id,
            "in_reply_to": tolkat.in_reply_to,
            "references": tolkat.references[-20:],
            "typ": inkommet.typ,
            "ofullstandig": tolkat.ofullstandig,
            "adress": tolkat.avsandare_adress,
            **({"avvisade_bilagor": avvisade} if avvisade else {}),
        },
    )
    if tolkat.ofullstandig or inkommet.bara_huvud:
        delar.append(
            tolkning.Del(namn="original.eml", typ="message/rfc822", data=bytes(inkommet.ra))
        )
    return meddelande, delar


def _bilagor_spara(meddelanden: list[tuple[Meddelande, list[tolkning.Del]]]) -> None:
    """Store every part as a file and a Bilaga row (one insert for the whole list)."""
    bilagor = []
    for meddelande, delar in meddelanden:
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


def _utskick_skapa(**uppgifter) -> Utskick:
    """Store a mail to send (see _utskick_bygg) and queue its send for after the commit."""
    from kanaler.epost import tasks

    utskick = _utskick_bygg(**uppgifter)
    utskick.save(force_insert=True)
    tasks.skicka_utskick.delay_on_commit(utskick.pk)
    return utskick


def _utskick_bygg(
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
    """The unsaved mail to send, with our own Message-ID on the mailbox's domain."""
    doman = konto.adress.rsplit("@", 1)[-1]
    return Utskick(
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


def kvitto_skicka(
    *, arende: Arende, konto: Epostkonto, till: str, tolkat: tolkning.Tolkat
) -> Utskick | None:
    """Queue the automatic acknowledgement, unless it would answer a machine or repeat itself.

    Never to an auto-reply, a bounce or a no-reply address; at most one per sender per hour.
    """
    if not _kvitto_tillatet(till=till, tolkat=tolkat):
        return None
    if _nyliga_kvitton([till]):
        return None
    return _utskick_skapa(
        **_kvitto_uppgifter(
            arende=arende, konto=konto, till=till, tolkat=tolkat, lank=statuslank(arende=arende)
        )
    )


def _kvitto_tillatet(*, till: str, tolkat: tolkning.Tolkat) -> bool:
    """Never a kvitto to an auto-reply, a bounce, a no-reply or an invalid address."""
    return not (tolkat.autosvar or tolkat.studs or tolkat.inget_svar or not _giltig_adress(till))


def _nyliga_kvitton(adresser: list[str]) -> set[str]:
    """The addresses among `adresser` that got a kvitto within the last hour."""
    return set(
        Utskick.objects.filter(
            till__in=adresser,
            typ=Utskick.Typ.KVITTO,
            skapad__gte=timezone.now() - KVITTO_PER_AVSANDARE,
        ).values_list("till", flat=True)
    )


def _kvitto_uppgifter(
    *, arende: Arende, konto: Epostkonto, till: str, tolkat: tolkning.Tolkat, lank: str
) -> dict:
    """_utskick_bygg's arguments for the kvitto: the förvaltning's template, or ours.

    A förvaltning's template is written in the admin: it gets the values its help text
    names and no model to walk from (`arende.kontakt.arenden` would put the kontakt's
    other ärenden, of any kommun, into a kvitto its writer can read).
    """
    with translation.override("sv"):
        sammanhang = {
            "arende": {"nummer": arende.nummer},
            "svar_senast": timezone.localtime(arende.svar_senast) if arende.svar_senast else None,
            "statuslank": lank,
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
    return dict(
        arende=arende,
        konto=konto,
        typ=Utskick.Typ.KVITTO,
        till=till,
        amne=f"{rubrik}: {arende.rubrik} {_tagg(arende.nummer)}",
        text=text,
        in_reply_to=tolkat.message_id,
        references=[*tolkat.references, tolkat.message_id] if tolkat.message_id else [],
    )


def kvitto_skicka_till(*, arende: Arende, till: str) -> Utskick | None:
    """Queue the kvitto for an ärende that came in another way (the public contact form).

    Sent from the mailbox that answers the ärende (`selectors.epostkonto_for_arende`);
    nothing without one.
    """
    konto = _konto_for(arende)
    if konto is None:
        return None
    return kvitto_skicka(arende=arende, konto=konto, till=till, tolkat=tolkning.Tolkat())


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
    return selectors.epostkonto_for_arende(arende=arende)


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
