"""Reads: the audit log page by page, and everything stored about one person."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, F, Func, Q, QuerySet, Value
from django.utils.translation import gettext as _

from arenden import kalender, selectors
from arenden.errors import OgiltigUppgift
from arenden.kontaktuppgifter import normalisera_telefon
from arenden.models import Arende, Handelse, Kontakt
from integritet.models import Logghandelse
from kanaler.epost.models import Inkommet
from kanaler.telefon.models import Samtal

LOGG_SIDA = 50


@dataclass(frozen=True)
class LoggFilter:
    anvandare: str = ""
    arende: str = ""
    kontakt_id: int | None = None
    typ: str = ""
    fran: date | None = None
    till: date | None = None


@dataclass
class LoggSida:
    rader: list[Logghandelse]
    nasta: str | None


def logg_filtrera(*, filter: LoggFilter) -> QuerySet[Logghandelse]:
    qs = Logghandelse.objects.all()
    if filter.anvandare:
        qs = qs.filter(aktor_namn=filter.anvandare.strip())
    if filter.arende:
        qs = qs.filter(arende_nummer=filter.arende.strip().upper())
    if filter.kontakt_id:
        qs = qs.filter(kontakt_id=filter.kontakt_id)
    if filter.typ:
        qs = qs.filter(typ=filter.typ)
    if filter.fran:
        qs = qs.filter(tid__gte=datetime.combine(filter.fran, time.min, tzinfo=kalender.TIDSZON))
    if filter.till:
        qs = qs.filter(
            tid__lt=datetime.combine(
                filter.till + timedelta(days=1), time.min, tzinfo=kalender.TIDSZON
            )
        )
    return qs


def logg_sida(*, filter: LoggFilter, efter: str | None = None, antal: int = LOGG_SIDA) -> LoggSida:
    """Return one page of the audit log, newest first, by keyset: fast at any depth.

    One query whatever the page size; each filter has an index that starts with it
    (see Logghandelse.Meta.indexes).
    """
    qs = logg_filtrera(filter=filter).order_by("-tid", "-id")
    if efter:
        tid, pk = selectors.markor_avkoda(efter)
        qs = qs.filter(Q(tid__lt=tid) | Q(tid=tid, id__lt=pk))
    rader = list(qs[: antal + 1])
    nasta = None
    if len(rader) > antal:
        rader = rader[:antal]
        nasta = selectors.markor_koda(rader[-1].tid, rader[-1].pk)
    return LoggSida(rader=rader, nasta=nasta)


# ---------------------------------------------------------------------------------------
# Registerutdrag


def _kontakt_data(kontakt: Kontakt) -> dict:
    return {
        "id": kontakt.pk,
        "namn": kontakt.namn,
        "epost": kontakt.epost,
        "telefon": kontakt.telefon,
        "personnummer": kontakt.personnummer_formaterat,
        "organisationsnummer": kontakt.organisationsnummer_formaterat,
        "registrerad": kontakt.skapad.isoformat(),
    }


def _arende_data(arende: Arende) -> dict:
    meddelanden = selectors.arende_meddelanden(arende=arende)
    handelser = (
        Handelse.objects.filter(arende=arende)
        .exclude(typ=Handelse.Typ.LAST)
        .select_related("aktor")
        .order_by("tid", "id")
    )
    return {
        "nummer": arende.nummer,
        "rubrik": arende.rubrik,
        "beskrivning": arende.beskrivning,
        "kanal": arende.get_kanal_display(),
        "status": arende.get_status_display(),
        "kategori": arende.kategori.namn if arende.kategori else None,
        "forvaltning": arende.forvaltning.namn if arende.forvaltning else None,
        "inkom": arende.inkom.isoformat(),
        "avslutad": arende.avslutad.isoformat() if arende.avslutad else None,
        "diarienummer": arende.diarienummer,
        "sekretess": arende.sekretess,
        "meddelanden": [
            {
                "riktning": m.get_riktning_display(),
                "kanal": m.get_kanal_display(),
                "tid": m.skapad.isoformat(),
                "avsandare": m.avsandare,
                "mottagare": m.mottagare,
                "amne": m.amne,
                "text": m.text,
                "bilagor": [
                    {"namn": b.namn, "typ": b.typ, "storlek": b.storlek} for b in m.bilagor.all()
                ],
            }
            for m in meddelanden
        ],
        "bilagor": [
            {"namn": b.namn, "typ": b.typ, "storlek": b.storlek, "tid": b.skapad.isoformat()}
            for b in arende.bilagor.all()
        ],
        "tidslinje": [
            {
                "tid": h.tid.isoformat(),
                "handelse": h.get_typ_display(),
                "av": (h.aktor.get_full_name() or h.aktor.get_username()) if h.aktor else "",
                "uppgifter": h.data,
            }
            for h in handelser
        ],
    }


def registerutdrag(*, text: str) -> dict:
    """Return everything stored about the person a personnummer or e-post identifies.

    Every ärende of every matching kontakt, sekretess ones included (marked: a
    sekretessprövning is made before the extract leaves the kommun), the växel's calls from
    the kontakt's number and mail from its address that is on no ärende. The kunskapsbank
    holds no personal data about citizens, so it has nothing to add.
    """
    text = text.strip()
    if not text:
        raise OgiltigUppgift(_("Ange ett personnummer eller en e-postadress."), code="sok_saknas")
    if not ("@" in text or any(c.isdigit() for c in text)):
        raise OgiltigUppgift(
            _("Registerutdrag söks på personnummer eller e-postadress."), code="ogiltig_sokning"
        )
    kontakter = list(selectors.kontakter_sok(text=text).order_by("pk"))
    arenden = (
        Arende.objects.filter(kontakt__in=kontakter)
        .select_related("kategori", "forvaltning")
        .prefetch_related("bilagor")
        .order_by("inkom", "id")
    )
    return {
        "sokt_pa": "epost" if "@" in text else "personnummer",
        "kontakter": [_kontakt_data(k) for k in kontakter],
        "arenden": [_arende_data(a) for a in arenden],
        "samtal": _samtal(kontakter),
        "epost_utan_arende": _epost_utan_arende(kontakter),
    }


def _samtal(kontakter: list[Kontakt]) -> list[dict]:
    """The växel's calls from the kontakter's numbers (stored as the växel sent them)."""
    telefoner = {k.telefon for k in kontakter if len(k.telefon) >= 7}
    if not telefoner:
        return []
    villkor = Q()
    for telefon in telefoner:
        villkor |= Q(siffror__endswith=telefon[-7:])
    siffror = Func(
        F("nummer"),
        Value(r"\D"),
        Value(""),
        Value("g"),
        function="regexp_replace",
        output_field=CharField(),
    )
    return [
        {
            "inkom": s.inkom.isoformat() if s.inkom else None,
            "ko": s.ko,
            "nummer": s.nummer,
            "besvarat": s.besvarat is not None,
        }
        for s in Samtal.objects.alias(siffror=siffror).filter(villkor).order_by("inkom", "id")
        if normalisera_telefon(s.nummer) in telefoner
    ]


def _epost_utan_arende(kontakter: list[Kontakt]) -> list[dict]:
    """Mail from the kontakter's addresses that never became a message on an ärende (triage,
    kasserad, fel): it is stored all the same."""
    adresser = {k.epost for k in kontakter if k.epost}
    if not adresser:
        return []
    villkor = Q()
    for adress in adresser:
        villkor |= Q(avsandare__icontains=adress)
    return [
        {"mottagen": m.mottagen.isoformat(), "amne": m.amne, "status": m.get_status_display()}
        for m in Inkommet.objects.filter(villkor, meddelande__isnull=True)
        .only("mottagen", "amne", "status")
        .order_by("mottagen", "id")
    ]
