"""Reads: the work queue with its filters and keyset pagination, the timeline, catalogues.

Every ärende query starts from `behorighet.arende_queryset_for_user`, so no list can show
what its reader may not see.
"""

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import TrigramDistance
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from arenden import behorighet, kalender
from arenden.errors import OgiltigUppgift
from arenden.kontaktuppgifter import (
    ar_personnummersokning,
    normalisera_personnummer,
    normalisera_telefon,
)
from arenden.models import (
    Arende,
    Forvaltning,
    Handelse,
    Kategori,
    Kontakt,
    Meddelande,
    Status,
    Svarsgrupp,
    Svarsmall,
)
from kontaktcenter.postgresql import kompilerade

ARENDENUMMER = re.compile(r"^[A-Za-z]{1,5}-\d{4}-\d{1,9}$")
TELEFON = re.compile(r"^\+?[\d\s()-]{6,}$")
STORSTA_SIDA = 200


@dataclass(frozen=True)
class ArendeFilter:
    """The work queue's filters; every field is optional."""

    status: tuple[str, ...] = ()
    kanal: tuple[str, ...] = ()
    rosa: tuple[int, ...] = ()
    forvaltning: int | None = None
    kategori: int | None = None
    tilldelad: str = ""  # "mig", "mina_grupper", "ingen" or a user id
    inkom_fran: date | None = None
    inkom_till: date | None = None
    text: str = ""
    forsenade: bool = False


ORDNINGAR = {
    # name: (fields, descending)
    "-inkom": ("inkom", True),
    "svar_senast": ("svar_senast", False),
}


@dataclass
class Sida:
    rader: list[Arende]
    nasta: str | None
    ordning: str = "-inkom"
    extra: dict = field(default_factory=dict)


def _dag_borjar(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=kalender.TIDSZON)


def arende_filtrera(*, user, filter: ArendeFilter) -> QuerySet[Arende]:
    """Return the ärenden the user may see that match the filter, unordered."""
    qs = behorighet.arende_queryset_for_user(user)
    if filter.status:
        qs = qs.filter(status__in=filter.status)
    if filter.kanal:
        qs = qs.filter(kanal__in=filter.kanal)
    if filter.rosa:
        qs = qs.filter(rosa__in=filter.rosa)
    if filter.forvaltning:
        qs = qs.filter(forvaltning_id=filter.forvaltning)
    if filter.kategori:
        qs = qs.filter(kategori_id=filter.kategori)
    if filter.tilldelad == "mig":
        qs = qs.filter(tilldelad_id=user.pk)
    elif filter.tilldelad == "ingen":
        qs = qs.filter(tilldelad__isnull=True)
    elif filter.tilldelad == "mina_grupper":
        # Mine, or waiting for one of the svarsgrupper I belong to.
        grupper = Svarsgrupp.objects.filter(medlemmar=user).values("id")
        qs = qs.filter(Q(tilldelad_id=user.pk) | Q(svarsgrupp_id__in=grupper))
    elif filter.tilldelad.isdigit():
        qs = qs.filter(tilldelad_id=int(filter.tilldelad))
    if filter.inkom_fran:
        qs = qs.filter(inkom__gte=_dag_borjar(filter.inkom_fran))
    if filter.inkom_till:
        qs = qs.filter(inkom__lt=_dag_borjar(filter.inkom_till + timedelta(days=1)))
    if filter.forsenade:
        qs = qs.filter(status__in=Status.oppna(), svar_senast__lt=timezone.now())
    text = filter.text.strip()
    if text:
        if ARENDENUMMER.match(text):
            prefix, ar, lopnummer = text.upper().split("-")
            qs = qs.filter(nummer=f"{prefix}-{ar}-{int(lopnummer):06d}")
        else:
            kontakter = Kontakt.objects.filter(namn__innehaller=text)
            if "@" in text:
                kontakter = Kontakt.objects.filter(epost=text.lower())
            elif TELEFON.match(text):
                kontakter = Kontakt.objects.filter(telefon=normalisera_telefon(text))
            qs = qs.filter(Q(rubrik__innehaller=text) | _kontakt_villkor(kontakter))
    return qs


# Up to this many matching kontakter, the ids are passed as a list: PostgreSQL then fetches
# their ärenden by index (a rare name: milliseconds). Beyond it the name is common, and
# walking the newest ärenden until 50 match is faster than collecting them all.
KONTAKT_LISTGRANS = 1000


def _kontakt_villkor(kontakter: QuerySet[Kontakt]) -> Q:
    ids = list(kontakter.values_list("id", flat=True)[: KONTAKT_LISTGRANS + 1])
    if len(ids) <= KONTAKT_LISTGRANS:
        return Q(kontakt_id__in=ids)
    return Q(kontakt_id__in=kontakter.values("id"))


def markor_koda(varde: datetime, pk: int) -> str:
    """Return an opaque keyset cursor for (time, id); the audit log pages with it too."""
    return base64.urlsafe_b64encode(f"{varde.isoformat()}|{pk}".encode()).decode()


def markor_avkoda(markor: str) -> tuple[datetime, int]:
    try:
        text = base64.urlsafe_b64decode(markor.encode()).decode()
        tid, pk = text.rsplit("|", 1)
        varde = parse_datetime(tid)
        if varde is None:
            raise ValueError(tid)
        return varde, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise OgiltigUppgift(
            _("Sidmarkören är ogiltig. Börja om från första sidan."), code="ogiltig_markor"
        ) from None


# What a list row shows (the queue's row, the API's ArendeListaOut) and what its keyset and
# access checks read: the ärende's long texts and the related rows' other columns stay in
# the database (fifty rows with five related rows each cost a millisecond in __init__).
LISTANS_FALT = (
    "id", "nummer", "kommun_id", "rubrik", "kanal", "status", "utfall", "rosa", "sekretess",
    "inkom", "svar_senast", "version", "sammanslagen_med_id", "eskalerad",
    "kategori__id", "kategori__namn",
    "forvaltning__id", "forvaltning__namn",
    "tilldelad__id", "tilldelad__username", "tilldelad__first_name", "tilldelad__last_name",
    "kontakt__id", "kontakt__namn", "kontakt__epost", "kontakt__telefon",
    "svarsgrupp__id", "svarsgrupp__namn",
)  # fmt: skip


def arende_sida(
    *,
    user,
    filter: ArendeFilter,
    efter: str | None = None,
    antal: int = 50,
    ordning: str = "-inkom",
) -> Sida:
    """Return one page of the work queue by keyset pagination, fast at any depth.

    The query count is constant: one for the rows with their related objects, whatever
    the page size, and one insert into the audit log when the page shows a
    sekretessmarkerat ärende to someone named on it.
    """
    if ordning not in ORDNINGAR:
        raise OgiltigUppgift(
            _("Okänd sortering: %(o)s.") % {"o": ordning}, code="ogiltig_sortering"
        )
    antal = max(1, min(antal, STORSTA_SIDA))
    falt, fallande = ORDNINGAR[ordning]
    qs = (
        arende_filtrera(user=user, filter=filter)
        .select_related("kategori", "forvaltning", "tilldelad", "kontakt", "svarsgrupp")
        .only(*LISTANS_FALT)
    )
    if fallande:
        qs = qs.order_by(f"-{falt}", "-id")
    else:
        qs = qs.filter(**{f"{falt}__isnull": False}).order_by(falt, "id")
    if efter:
        varde, pk = markor_avkoda(efter)
        if fallande:
            qs = qs.filter(Q(**{f"{falt}__lt": varde}) | Q(**{falt: varde, "id__lt": pk}))
        else:
            qs = qs.filter(Q(**{f"{falt}__gt": varde}) | Q(**{falt: varde, "id__gt": pk}))
    rader = list(qs[: antal + 1])
    nasta = None
    if len(rader) > antal:
        rader = rader[:antal]
        sista = rader[-1]
        nasta = markor_koda(getattr(sista, falt), sista.pk)
    behorighet.sekretess_listning_logga(user=user, arenden=rader)
    return Sida(rader=rader, nasta=nasta, ordning=ordning)


def kontakter_sok(*, text: str) -> QuerySet[Kontakt]:
    """Return the kontakter a personnummer, e-post or telefon number identifies.

    Raise OgiltigUppgift for a personnummer with a wrong check digit, so that a typo is
    said, not answered with "nobody".
    """
    text = text.strip()
    if not text:
        return Kontakt.objects.none()
    if "@" in text:
        return Kontakt.objects.filter(epost=text.lower())
    if ar_personnummersokning(text):
        return Kontakt.objects.filter(personnummer=normalisera_personnummer(text))
    if TELEFON.match(text):
        return Kontakt.objects.filter(telefon=normalisera_telefon(text))
    raise OgiltigUppgift(
        _("Ange ett personnummer, en e-postadress eller ett telefonnummer."),
        code="ogiltig_personsokning",
    )


def arenden_for_person(*, user, text: str) -> list[Arende]:
    """Return the newest ärenden the user may see of the person the text identifies.

    The person search is posted, never in a URL; a sekretess ärende it shows is logged.
    """
    rader = list(
        behorighet.arende_queryset_for_user(user)
        .filter(kontakt__in=kontakter_sok(text=text))
        .select_related("kategori", "forvaltning", "tilldelad", "kontakt", "svarsgrupp")
        .order_by("-inkom", "-id")[:STORSTA_SIDA]
    )
    behorighet.sekretess_listning_logga(user=user, arenden=rader)
    return rader


# The ärende and every ärende merged into it, however the merges chain (A into B, then B
# into C): one recursive query, run as a subquery of the timeline's.
_SAMMANSLAGNA = """
    WITH RECURSIVE t(id) AS (
        SELECT %s::bigint
        UNION
        SELECT a.id FROM arenden_arende a JOIN t ON a.sammanslagen_med_id = t.id
    )
    SELECT id FROM t
"""


def arende_tidslinje(*, arende: Arende) -> list[Handelse]:
    """Return the timeline of the ärende and of every ärende merged into it, oldest first.

    One query, and one more only when other ärenden were merged into this one (for their
    numbers). The entries of `arende` itself carry `arende` as their ärende.
    """
    handelser = kompilerade.lista("tidslinje", _tidslinje, arende.pk)
    andra = {h.arende_id for h in handelser} - {arende.pk}
    arenden = Arende.objects.in_bulk(andra) if andra else {}
    arenden[arende.pk] = arende
    for handelse in handelser:
        handelse.arende = arenden[handelse.arende_id]
    return handelser


def _tidslinje(arende_id: int) -> QuerySet[Handelse]:
    return (
        Handelse.objects.filter(arende_id__in=RawSQL(_SAMMANSLAGNA, [arende_id]))
        .exclude(typ=Handelse.Typ.LAST)
        .select_related("aktor")
        .order_by("tid", "id")
    )


def arende_meddelanden(*, arende: Arende, bilagor: bool = True) -> list[Meddelande]:
    """The ärende's messages, oldest first; with their bilagor unless `bilagor` is False."""

    def bygg(arende_id: int) -> QuerySet[Meddelande]:
        meddelanden = Meddelande.objects.filter(arende_id=arende_id).order_by("skapad", "id")
        return meddelanden.prefetch_related("bilagor") if bilagor else meddelanden

    meddelanden = kompilerade.lista(("meddelanden", bilagor), bygg, arende.pk)
    for meddelande in meddelanden:
        meddelande.arende = arende
    return meddelanden


def forvaltning_lista(*, kommun_id: int | None = None) -> QuerySet[Forvaltning]:
    qs = Forvaltning.objects.filter(aktiv=True).select_related("kommun")
    if kommun_id:
        qs = qs.filter(kommun_id=kommun_id)
    return qs.order_by("namn")


def kategori_lista(
    *, forvaltning_id: int | None = None, kommun_id: int | None = None
) -> QuerySet[Kategori]:
    qs = Kategori.objects.filter(aktiv=True).select_related("forvaltning")
    if kommun_id:
        qs = qs.filter(forvaltning__kommun_id=kommun_id)
    if forvaltning_id:
        qs = qs.filter(forvaltning_id=forvaltning_id)
    return qs.order_by("forvaltning__namn", "namn")


def kategori_alternativ(*, kommun_id: int | None = None) -> list[tuple[int, str]]:
    """Return the active kategorier as (pk, "namn (förvaltning)") pairs for a menu."""
    return [
        (pk, f"{namn} ({forvaltning})")
        for pk, namn, forvaltning in kategori_lista(kommun_id=kommun_id).values_list(
            "pk", "namn", "forvaltning__namn"
        )
    ]


def forvaltning_alternativ(*, kommun_id: int | None = None) -> list[tuple[int, str]]:
    """Return the active förvaltningar as (pk, namn) pairs for a menu."""
    return list(forvaltning_lista(kommun_id=kommun_id).values_list("pk", "namn"))


def svarsgrupp_alternativ(*, kommun_id: int | None = None) -> list[tuple[int, str]]:
    """Return the active svarsgrupper as (pk, "namn (förvaltning)") pairs for a menu."""
    return [
        (pk, f"{namn} ({forvaltning})")
        for pk, namn, forvaltning in svarsgrupp_lista(kommun_id=kommun_id).values_list(
            "pk", "namn", "forvaltning__namn"
        )
    ]


def personer(anvandare) -> list[tuple[str, str]]:
    """Return (username, full name or username) pairs of a queryset of users, for a menu."""
    return [
        (namn, f"{fornamn} {efternamn}".strip() or namn)
        for namn, fornamn, efternamn in anvandare.values_list("username", "first_name", "last_name")
    ]


def svarsgrupp_lista(
    *, forvaltning_id: int | None = None, kommun_id: int | None = None
) -> QuerySet[Svarsgrupp]:
    """Return the active svarsgrupper, for the escalation form."""
    qs = Svarsgrupp.objects.filter(aktiv=True).select_related("forvaltning")
    if kommun_id:
        qs = qs.filter(forvaltning__kommun_id=kommun_id)
    if forvaltning_id:
        qs = qs.filter(forvaltning_id=forvaltning_id)
    return qs.order_by("forvaltning__namn", "namn")


def medarbetare_lista(
    *, roll: str | None = None, forvaltning_id: int | None = None, kommun_id: int | None = None
):
    """Return active staff, optionally of one role, förvaltning or kommun, for assign menus."""
    qs = get_user_model().objects.filter(is_active=True)
    if kommun_id:
        qs = qs.filter(medarbetare__kommun_id=kommun_id)
    if roll:
        qs = qs.filter(groups__name=roll)
    if forvaltning_id:
        qs = qs.filter(medarbetare__forvaltning_id=forvaltning_id)
    return qs.order_by("first_name", "last_name", "username").distinct()


def arenden_nyare_an(*, user, filter: ArendeFilter, efter: str, antal: int = 50) -> list[Arende]:
    """Return the ärenden that came in after the cursor (the newest row shown), newest first.

    The polling of the work queue asks this every few seconds: a range scan on the
    (inkom, id) index from the newest row shown, so it costs the same on a big table.
    """
    varde, pk = markor_avkoda(efter)
    qs = (
        arende_filtrera(user=user, filter=filter)
        .filter(Q(inkom__gt=varde) | Q(inkom=varde, id__gt=pk))
        .select_related("kategori", "forvaltning", "tilldelad", "kontakt", "svarsgrupp")
        .order_by("-inkom", "-id")
    )
    return list(qs[: max(1, min(antal, STORSTA_SIDA))])


def kod_for(arende: Arende) -> str:
    """Return the cursor that points just after this ärende in the newest-first order."""
    return markor_koda(arende.inkom, arende.pk)


def kod_for_tid(tid: datetime) -> str:
    """Return a cursor at a moment, for an empty queue: only later ärenden come after it."""
    return markor_koda(tid, 0)


# How many earlier ärenden and possible duplicates the ärende page shows beside it.
TIDIGARE_ANTAL = 10
DUBBLETT_ANTAL = 5
# Only recent ärenden count as duplicates: an old one about the same thing is history.
DUBBLETT_DAGAR = 14
# Trigram similarity of the rubrik above which two ärenden are "very similar".
DUBBLETT_LIKHET = 0.6


def kontakt_tidigare_arenden(*, user, arende: Arende) -> list[Arende]:
    """Return the contact's other ärenden in every channel, newest first, that the user sees."""
    if not arende.kontakt_id:
        return []
    return list(
        behorighet.arende_queryset_for_user(user)
        .filter(kontakt_id=arende.kontakt_id)
        .exclude(pk=arende.pk)
        .order_by("-inkom", "-id")
        # kommun and sammanslagen_med let arende_mojliga_dubbletter pick from this list.
        .only("nummer", "rubrik", "kanal", "status", "inkom", "kommun_id", "sammanslagen_med_id")[
            :TIDIGARE_ANTAL
        ]
    )


def _kontakt_dubbletter(*, arende: Arende, tidigare: list[Arende], fran) -> list[Arende] | None:
    """Return the same-contact duplicates picked from the contact's earlier ärenden.

    None when the list may lack some: it was cut at TIDIGARE_ANTAL and its oldest row is
    not older than the duplicate window (newest first, so otherwise every row of the
    window is in it).
    """
    if len(tidigare) >= TIDIGARE_ANTAL and tidigare[-1].inkom >= fran:
        return None
    oppna = Status.oppna()
    return [
        a
        for a in tidigare
        if a.kommun_id == arende.kommun_id
        and a.inkom >= fran
        and a.status in oppna
        and a.sammanslagen_med_id is None
    ][:DUBBLETT_ANTAL]


def arende_mojliga_dubbletter(
    *, user, arende: Arende, tidigare: list[Arende] | None = None
) -> list[Arende]:
    """Return open ärenden of the last 14 days that may be about the same thing.

    Same contact, or a rubrik with a trigram similarity of at least DUBBLETT_LIKHET. Both
    are bounded: same kommun, the last DUBBLETT_DAGAR days, open, not merged, a LIMIT;
    the similar-text part walks the partial GiST trigram index of open ärenden nearest
    first (`arende_oppna_rubrik_trgm`) and stops at the limit.

    `tidigare`, the list from kontakt_tidigare_arenden for the same user, spares the
    same-contact query when it holds every ärende of the window.
    """
    fran = arende.inkom - timedelta(days=DUBBLETT_DAGAR)
    bas = (
        behorighet.arende_queryset_for_user(user)
        .filter(
            kommun_id=arende.kommun_id,
            inkom__gte=fran,
            status__in=Status.oppna(),
            sammanslagen_med__isnull=True,
        )
        .exclude(pk=arende.pk)
        .only("nummer", "rubrik", "kanal", "status", "inkom", "kontakt_id")
    )
    funna: dict[int, Arende] = {}
    if arende.kontakt_id:
        samma = None
        if tidigare is not None:
            samma = _kontakt_dubbletter(arende=arende, tidigare=tidigare, fran=fran)
        if samma is None:
            samma = bas.filter(kontakt_id=arende.kontakt_id).order_by("-inkom")[:DUBBLETT_ANTAL]
        for a in samma:
            a.dubblett_orsak = "kontakt"
            funna[a.pk] = a
    if len(funna) < DUBBLETT_ANTAL and arende.rubrik.strip():
        # No distance limit in SQL: PostgreSQL cannot stop a nearest-first scan at a
        # distance, only at a LIMIT. The few nearest are fetched, the far ones dropped here.
        liknande = (
            bas.annotate(avstand=TrigramDistance("rubrik", arende.rubrik))
            .exclude(pk__in=list(funna))
            .order_by("avstand")[: DUBBLETT_ANTAL - len(funna)]
        )
        for a in liknande:
            if a.avstand <= 1 - DUBBLETT_LIKHET:
                a.dubblett_orsak = "text"
                funna[a.pk] = a
    return list(funna.values())


def arende_sammanfattning(*, tidslinje: list[Handelse]) -> dict:
    """Summarise what the contact center did before escalating, from the timeline in hand.

    For the handläggare: who registered it, what was tried (notes, answers, articles
    used), and the latest escalation with its reason. No query of its own.
    """
    skapat = next((h for h in tidslinje if h.typ == Handelse.Typ.SKAPAT), None)
    eskalering = next((h for h in reversed(tidslinje) if h.typ == Handelse.Typ.ESKALERAT), None)
    gjort = [
        h
        for h in tidslinje
        if h.typ
        in (
            Handelse.Typ.ANTECKNING,
            Handelse.Typ.SVAR,
            Handelse.Typ.VANTAR,
            Handelse.Typ.ATERLAMNAT,
            Handelse.Typ.KLASSIFICERAT,
        )
        and (eskalering is None or h.tid <= eskalering.tid)
    ]
    return {"skapat": skapat, "eskalering": eskalering, "gjort": gjort}


def svarsmall_lista(
    *, arende: Arende | None = None, kommun_id: int | None = None, bara_aktiva: bool = True
):
    """Return the svarsmallar: shared ones and, for an ärende, its förvaltning's.

    With a kommun, only that kommun's förvaltningar's mallar beside the shared ones: a
    teamledare in one kommun neither sees nor edits another kommun's.
    """
    qs = Svarsmall.objects.select_related("forvaltning")
    if bara_aktiva:
        qs = qs.filter(aktiv=True)
    if kommun_id is not None:
        qs = qs.filter(Q(forvaltning__isnull=True) | Q(forvaltning__kommun_id=kommun_id))
    if arende is not None:
        qs = qs.filter(Q(forvaltning__isnull=True) | Q(forvaltning_id=arende.forvaltning_id))
    return qs.order_by("titel", "id")
