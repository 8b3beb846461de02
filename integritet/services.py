"""Writes: the audit log, removing an ärende's personal data, rättelse and radering.

Removal has two ways, chosen per Kategori (`Kategori.gallringssatt`) or by the
administratör who erases on request:
- anonymisera keeps the ärende's row with what statistics count (kanal, kategori,
  förvaltning, times, utfall, ROSA) and removes everything that says who or what: rubrik,
  beskrivning, the kontakt, messages, attachments and their files, raw mail, the timeline
  (deleted, never updated: the timeline's trigger refuses UPDATE), status links, and the
  caller's number on its telephone calls. One `gallrat` entry is left on the timeline.
- radera deletes the ärende and everything hanging on it; past statistics count one fewer.
A diariefört ärende (diarienummer, a diarieförd kategori, or on its way to Platina) is an
allmän handling and is never removed here.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import kontaktuppgifter
from arenden.errors import OgiltigUppgift
from arenden.models import (
    Arende,
    Bilaga,
    Gallringssatt,
    Handelse,
    Kontakt,
    Meddelande,
    Status,
    Statuslank,
)
from integritet.models import Logghandelse
from kanaler.epost.models import Inkommet, Utskick
from kanaler.etjanst.models import Inlamning
from kanaler.telefon.models import Samtal, Samtalshandelse

GALLRAD_RUBRIK = "Gallrat ärende"


def _aktor_namn(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None and user.is_authenticated else ""


def logg_skriv(
    *,
    typ: str,
    aktor: AbstractBaseUser | None,
    arende_nummer: str = "",
    kontakt_id: int | None = None,
    orsak: str = "",
    data: dict | None = None,
) -> Logghandelse:
    """Append one row to the audit log. `data` must never hold the citizen's data."""
    return Logghandelse.objects.create(
        typ=typ,
        aktor=aktor if aktor is not None and aktor.is_authenticated else None,
        aktor_namn=_aktor_namn(aktor),
        arende_nummer=arende_nummer,
        kontakt_id=kontakt_id,
        orsak=orsak,
        data=data or {},
    )


def logg_granskning(*, typ: str, user, arenden: list[Arende], data: dict) -> None:
    """The hook arenden calls on a sekretess read, a list showing one, or an export.

    One row per ärende, in one INSERT; an export of no particular ärende gets one row.
    """
    aktor = user if user is not None and user.is_authenticated else None
    gemensamt = {"typ": typ, "aktor": aktor, "aktor_namn": _aktor_namn(user), "data": data}
    rader = [Logghandelse(arende_nummer=a.nummer, **gemensamt) for a in arenden]
    Logghandelse.objects.bulk_create(rader or [Logghandelse(**gemensamt)])


def ej_diarieforda(qs: QuerySet[Arende]) -> QuerySet[Arende]:
    """Keep the ärenden that are no allmän handling kept by the diarium."""
    return qs.filter(
        diarienummer="",
        platina_registrering__isnull=True,
    ).exclude(kategori__diarieford=True)


@dataclass
class Borttaget:
    """What a removal did, for the caller's report; never personal data."""

    anonymiserade: list[str] = field(default_factory=list)
    raderade: list[str] = field(default_factory=list)
    filer: int = 0


@transaction.atomic
def arenden_ta_bort_personuppgifter(*, arende_ids: list[int], satt: str) -> Borttaget:
    """Anonymise or delete these ärenden (`satt`: a Gallringssatt) and what hangs on them.

    The caller has checked that none is diariefört; this checks again and skips those.
    The caller writes the audit log (it knows who, why and by which rule).
    Attachment files leave the storage once the transaction has committed, so a rollback
    never leaves a row without its file. Kontakter left without any ärende are deleted.
    """
    arenden = list(
        ej_diarieforda(Arende.objects.filter(pk__in=arende_ids))
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    ids = [a.pk for a in arenden]
    resultat = Borttaget()
    if not ids:
        return resultat
    kontakt_ids = {a.kontakt_id for a in arenden if a.kontakt_id}
    filnamn = list(Bilaga.objects.filter(arende_id__in=ids).values_list("fil", flat=True))
    resultat.filer = len(filnamn)

    # What the channels keep beside the ärende.
    Inkommet.objects.filter(meddelande__arende_id__in=ids).delete()
    Utskick.objects.filter(arende_id__in=ids).delete()
    samtal = Samtal.objects.filter(Q(arende_id__in=ids) | Q(aterringning_id__in=ids))
    Samtalshandelse.objects.filter(samtal__in=samtal).update(data={})
    samtal.update(nummer="")

    if satt == Gallringssatt.RADERA:
        Inlamning.objects.filter(arende_id__in=ids).delete()
        # A merged ärende points at the one it went into (PROTECT); the link goes with it.
        Arende.objects.filter(sammanslagen_med_id__in=ids).update(sammanslagen_med=None)
        Arende.objects.filter(pk__in=ids).delete()
        resultat.raderade = [a.nummer for a in arenden]
    else:
        Bilaga.objects.filter(arende_id__in=ids).delete()
        Meddelande.objects.filter(arende_id__in=ids).delete()
        Statuslank.objects.filter(arende_id__in=ids).delete()
        Handelse.objects.filter(arende_id__in=ids).delete()
        Arende.objects.filter(pk__in=ids).update(
            rubrik=GALLRAD_RUBRIK,
            beskrivning="",
            kontakt=None,
            version=F("version") + 1,
            andrad=timezone.now(),
        )
        Handelse.objects.bulk_create(
            Handelse(arende_id=pk, typ=Handelse.Typ.GALLRAT, aktor=None, data={"satt": satt})
            for pk in ids
        )
        resultat.anonymiserade = [a.nummer for a in arenden]

    Kontakt.objects.filter(pk__in=kontakt_ids, arenden__isnull=True).delete()

    def ta_bort_filer() -> None:
        for namn in filnamn:
            if namn:
                default_storage.delete(namn)

    transaction.on_commit(ta_bort_filer)
    return resultat


# ---------------------------------------------------------------------------------------
# Rättelse and radering on request


def _kravs_orsak(orsak: str) -> str:
    orsak = orsak.strip()
    if not orsak:
        raise OgiltigUppgift(
            _("Ange varför: orsaken sparas i loggen tillsammans med vem som gjorde det."),
            code="orsak_saknas",
        )
    return orsak


@transaction.atomic
def kontakt_ratta(
    *,
    kontakt: Kontakt,
    av: AbstractBaseUser,
    namn: str,
    epost: str,
    telefon: str,
    personnummer: str,
    orsak: str,
) -> list[str]:
    """Correct a kontakt's data on request; return the names of the fields that changed.

    The audit log records which fields changed, not their old or new values.
    """
    orsak = _kravs_orsak(orsak)
    kontakt = Kontakt.objects.select_for_update().get(pk=kontakt.pk)
    nytt = {
        "namn": namn.strip(),
        "epost": epost.strip().lower(),
        "telefon": kontaktuppgifter.normalisera_telefon(telefon),
        "personnummer": kontaktuppgifter.normalisera_personnummer(personnummer)
        if personnummer.strip()
        else "",
    }
    andrade = [falt for falt, varde in nytt.items() if getattr(kontakt, falt) != varde]
    for falt in andrade:
        setattr(kontakt, falt, nytt[falt])
    if andrade:
        kontakt.save(update_fields=andrade)
    logg_skriv(
        typ=Logghandelse.Typ.RATTELSE,
        aktor=av,
        kontakt_id=kontakt.pk,
        orsak=orsak,
        data={"falt": andrade},
    )
    return andrade


@dataclass
class Radering:
    anonymiserade: list[str]
    diarieforda: list[str]
    oppna: list[str]
    kontakt_borttagen: bool


@transaction.atomic
def kontakt_radera(*, kontakt: Kontakt, av: AbstractBaseUser, orsak: str) -> Radering:
    """Erase a person's data on request: anonymise every closed ärende that is not diariefört.

    Diarieförda ärenden are allmänna handlingar and are kept, with the kontakt on them;
    ärenden not yet avslutade are kept too (still being handled) and named in the answer.
    The kontakt itself goes when no ärende is left on it.
    """
    orsak = _kravs_orsak(orsak)
    alla = Arende.objects.filter(kontakt=kontakt)
    fria = ej_diarieforda(alla)
    diarieforda = sorted(alla.exclude(pk__in=fria.values("pk")).values_list("nummer", flat=True))
    oppna = sorted(fria.exclude(status=Status.AVSLUTAD).values_list("nummer", flat=True))
    att_ta_bort = list(fria.filter(status=Status.AVSLUTAD).values_list("pk", flat=True))
    resultat = arenden_ta_bort_personuppgifter(
        arende_ids=att_ta_bort, satt=Gallringssatt.ANONYMISERA
    )
    kontakt_id = kontakt.pk
    borttagen = not Arende.objects.filter(kontakt_id=kontakt_id).exists()
    if borttagen:
        Kontakt.objects.filter(pk=kontakt_id).delete()
    logg_skriv(
        typ=Logghandelse.Typ.RADERING,
        aktor=av,
        kontakt_id=kontakt_id,
        orsak=orsak,
        data={
            "anonymiserade": resultat.anonymiserade,
            "bevarade_diarieforda": diarieforda,
            "bevarade_oppna": oppna,
            "kontakt_borttagen": borttagen,
            "filer": resultat.filer,
        },
    )
    return Radering(
        anonymiserade=resultat.anonymiserade,
        diarieforda=diarieforda,
        oppna=oppna,
        kontakt_borttagen=borttagen,
    )
