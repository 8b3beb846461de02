"""Every change to an ärende, each in one transaction with its timeline entry.

A service takes keyword-only arguments, locks the ärende's row, checks the optimistic
`version` the caller read (when given) and the lifecycle, writes the change and its
`Handelse`, and returns the fresh ärende. Callers check the user's right first
(arenden.behorighet); services check the ärende's state.
"""

import copy
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import AbstractUser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenden import behorighet, kalender, konfiguration, kontaktuppgifter, krokar, livscykel
from arenden.errors import ArendeInaktuellt, ArendeRedanTilldelat, OgiltigStatus, OgiltigUppgift
from arenden.models import (
    Arende,
    Forvaltning,
    Handelse,
    Kanal,
    Kategori,
    Kommun,
    Kontakt,
    Medarbetare,
    Meddelande,
    RosaNiva,
    Status,
    Svarsgrupp,
    Svarsmall,
    Utfall,
)

# The ärendenummer carries inkom's year: an inkom before this year, or after next year, is
# a typo or garbage (and would give numbers like KC-420-000001).
INKOM_TIDIGAST_AR = 2000


# ---------------------------------------------------------------------------------------
# Transactions


@dataclass
class Block:
    """An atomic_block: the ärende rows it locked or created, as it last wrote them."""

    lasta: dict[int, Arende] = field(default_factory=dict)

    def skrivet(self, arende: Arende) -> Arende | None:
        """The ärende as the block last wrote (or locked) it; None if it never touched it."""
        rad = self.lasta.get(arende.pk)
        return copy.copy(rad) if rad is not None else None


_block: ContextVar[Block | None] = ContextVar("arenden_atomic_block", default=None)


@contextmanager
def atomic_block() -> Iterator[Block]:
    """Run several services as one all-or-nothing step, the way a channel registers a call.

    One transaction (or one savepoint, inside an outer transaction) for the whole block:
    the services in it open no savepoint of their own, and an ärende locked or created in
    the block is not read and locked again by the next service. Inside a block, nobody may
    catch an exception from a service and carry on: it must leave the block. Nested blocks
    are one block.
    """
    if (yttre := _block.get()) is not None:
        yield yttre
        return
    block = Block()
    with transaction.atomic():
        token = _block.set(block)
        try:
            yield block
        finally:
            _block.reset(token)


def _atomic(funktion: Callable) -> Callable:
    """transaction.atomic, without a savepoint of its own inside an atomic_block."""

    @functools.wraps(funktion)
    def inner(*args, **kwargs):
        with transaction.atomic(savepoint=_block.get() is None):
            return funktion(*args, **kwargs)

    return inner


def _skrivet(arende: Arende) -> None:
    """Note the row as this transaction wrote it, for the block's next _las."""
    block = _block.get()
    if block is not None:
        block.lasta[arende.pk] = copy.copy(arende)


# ---------------------------------------------------------------------------------------
# Numbers, SLA and contacts


def _inkom_kontrollera(inkom: datetime) -> None:
    """Refuse an inkom outside the years an ärendenummer can sensibly carry."""
    senast = timezone.now().year + 1
    if not INKOM_TIDIGAST_AR <= inkom.year <= senast:
        raise OgiltigUppgift(
            _("Inkom måste ligga mellan år %(forst)d och %(sist)d.")
            % {"forst": INKOM_TIDIGAST_AR, "sist": senast},
            code="inkom_orimligt",
            extra={"falt": "inkom"},
        )


def arendenummer_reservera(*, ar: int, antal: int = 1) -> list[str]:
    """Reserve `antal` consecutive ärendenummer for the year and return them.

    One atomic upsert per call: concurrent callers queue on the year's row, and numbers
    only ever grow, so a number is never handed out twice, even after deletions.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO arenden_arendenummerserie (ar, senaste) VALUES (%s, %s)
            ON CONFLICT (ar) DO UPDATE
                SET senaste = arenden_arendenummerserie.senaste + EXCLUDED.senaste
            RETURNING senaste
            """,
            [ar, antal],
        )
        senaste = cursor.fetchone()[0]
    prefix = konfiguration.varde("ARENDENUMMER_PREFIX")
    return [f"{prefix}-{ar}-{n:06d}" for n in range(senaste - antal + 1, senaste + 1)]


def svar_senast_berakna(*, inkom: datetime, kategori: Kategori | None) -> datetime:
    """Return when the citizen must have an answer: the kategori's SLA in arbetsdagar."""
    dagar = (
        kategori.sla_arbetsdagar if kategori else konfiguration.varde("STANDARD_SLA_ARBETSDAGAR")
    )
    return kalender.lagg_till_arbetsdagar(inkom, dagar)


@_atomic
def kontakt_hitta_eller_skapa(
    *,
    namn: str = "",
    epost: str = "",
    telefon: str = "",
    personnummer: str = "",
    organisationsnummer: str = "",
) -> Kontakt | None:
    """Return the known contact with this personnummer, e-post or telefon, or a new one.

    Fills in what the known contact lacks. Returns None when nothing identifies anyone
    (an anonymous call is still an ärende, just without a kontakt).
    """
    namn, epost = namn.strip(), epost.strip().lower()
    telefon = kontaktuppgifter.normalisera_telefon(telefon)
    personnummer = (
        kontaktuppgifter.normalisera_personnummer(personnummer) if personnummer.strip() else ""
    )
    organisationsnummer = (
        kontaktuppgifter.normalisera_organisationsnummer(organisationsnummer)
        if organisationsnummer.strip()
        else ""
    )
    if not any((namn, epost, telefon, personnummer, organisationsnummer)):
        return None

    kontakt = None
    for falt, varde in (
        ("personnummer", personnummer),
        ("organisationsnummer", organisationsnummer),
        ("epost", epost),
        ("telefon", telefon),
    ):
        if varde:
            kontakt = Kontakt.objects.filter(**{falt: varde}).order_by("id").first()
            if kontakt:
                break
    if kontakt is None:
        return Kontakt.objects.create(
            namn=namn,
            epost=epost,
            telefon=telefon,
            personnummer=personnummer,
            organisationsnummer=organisationsnummer,
        )
    andrade = []
    for falt, varde in (
        ("namn", namn),
        ("epost", epost),
        ("telefon", telefon),
        ("personnummer", personnummer),
        ("organisationsnummer", organisationsnummer),
    ):
        if varde and not getattr(kontakt, falt):
            setattr(kontakt, falt, varde)
            andrade.append(falt)
    if andrade:
        kontakt.save(update_fields=andrade)
    return kontakt


@_atomic
def kontakter_hitta_eller_skapa_epost(*, avsandare: list[tuple[str, str]]) -> list[Kontakt | None]:
    """Do kontakt_hitta_eller_skapa(namn=, epost=) for many (namn, epost) pairs in bulk.

    Same rules: the oldest contact with the address is found and gets the name if it has
    none; an unknown address becomes one new contact, however often it occurs. A pair
    without an address gives None. Returns one entry per pair, in order.
    """
    par = [(namn.strip(), epost.strip().lower()) for namn, epost in avsandare]
    kanda: dict[str, Kontakt] = {}
    for kontakt in Kontakt.objects.filter(epost__in={e for _n, e in par if e}).order_by("-id"):
        kanda[kontakt.epost] = kontakt  # the oldest wins, as in .order_by("id").first()
    nya: dict[str, Kontakt] = {}
    namngivna: dict[int, Kontakt] = {}
    for namn, epost in par:
        if not epost:
            continue
        kontakt = kanda.get(epost) or nya.get(epost)
        if kontakt is None:
            nya[epost] = Kontakt(namn=namn, epost=epost)
        elif namn and not kontakt.namn:
            kontakt.namn = namn
            if kontakt.pk is not None:
                namngivna[kontakt.pk] = kontakt
    Kontakt.objects.bulk_create(list(nya.values()))
    if namngivna:
        Kontakt.objects.bulk_update(list(namngivna.values()), ["namn"])
    return [(kanda.get(epost) or nya.get(epost)) if epost else None for _namn, epost in par]


# ---------------------------------------------------------------------------------------
# Internals shared by the transitions


def _las(arende: Arende, *, version: int | None, atgard: str | None) -> Arende:
    """Lock the ärende's row and check the caller's version and the lifecycle.

    Inside an atomic_block, a row the block already locked or created is taken as the
    block last wrote it, without a query. Related rows the caller's instance already
    holds (its kategori, kontakt, …) are kept when the locked row still points to them.
    """
    block = _block.get()
    if block is not None and arende.pk in block.lasta:
        last = copy.copy(block.lasta[arende.pk])
    else:
        last = Arende.objects.select_for_update(of=("self",)).get(pk=arende.pk)
        last.relationer_fran(arende)
        if block is not None:
            block.lasta[last.pk] = copy.copy(last)
    if version is not None and version != last.version:
        raise ArendeInaktuellt(
            _(
                "Ärende %(nummer)s har ändrats av någon annan sedan du öppnade det. "
                "Ladda om sidan och försök igen."
            )
            % {"nummer": last.nummer},
            extra={"din_version": version, "aktuell_version": last.version},
        )
    if atgard is not None:
        if last.sammanslagen_med_id is not None and atgard != "anteckna":
            raise OgiltigStatus(
                _("Ärende %(nummer)s är sammanslaget med %(mal)s. Arbeta i det ärendet.")
                % {"nummer": last.nummer, "mal": last.sammanslagen_med.nummer}
            )
        if not livscykel.mojlig(atgard, last.status):
            raise OgiltigStatus(
                _("Det går inte när ärendet har status ”%(status)s”.")
                % {"status": last.get_status_display()},
                extra={"status": last.status, "atgard": atgard},
            )
    return last


def _spara(arende: Arende, *falt: str) -> None:
    arende.version += 1
    arende.save(update_fields=[*falt, "version", "andrad"])
    _skrivet(arende)


def _handelse(arende: Arende, typ: str, av: AbstractUser | None, **data) -> Handelse:
    handelse = Handelse.objects.create(arende=arende, typ=typ, aktor=av, data=data)
    # In this transaction: a channel may queue a report back to where the ärende came from.
    krokar.handelse_skriven(handelse=handelse)
    return handelse


def _namn(anvandare: AbstractUser | None) -> str:
    if anvandare is None:
        return ""
    return anvandare.get_full_name() or anvandare.get_username()


def _standardkommun() -> Kommun:
    kommun = Kommun.objects.order_by("id").first()
    if kommun is None:
        kommun = Kommun.objects.create(namn=konfiguration.varde("KOMMUN_NAMN"))
    return kommun


# ---------------------------------------------------------------------------------------
# The transitions


def _arende_bygg(
    *,
    rubrik: str,
    kanal: str,
    av: AbstractUser | None,
    beskrivning: str = "",
    kontakt: Kontakt | None = None,
    kategori: Kategori | None = None,
    forvaltning: Forvaltning | None = None,
    rosa: int | None = None,
    inkom: datetime | None = None,
    sekretess: bool = False,
    kommun: Kommun | None = None,
    standardkommun: Callable[[], Kommun] = _standardkommun,
) -> tuple[Arende, dict]:
    """Check arende_skapa's arguments; return the unsaved ärende (no nummer yet) and the
    data of its SKAPAT entry. The one place that says what a new ärende looks like.

    The kategori supplies the default förvaltning and ROSA-nivå.
    """
    rubrik = rubrik.strip()
    if not rubrik:
        raise OgiltigUppgift(_("Ärendet behöver en rubrik."), code="rubrik_saknas")
    if kanal not in Kanal.values:
        raise OgiltigUppgift(_("Okänd kanal: %(kanal)s.") % {"kanal": kanal}, code="okand_kanal")
    if rosa is not None and rosa not in RosaNiva.values:
        raise OgiltigUppgift(_("ROSA-nivån ska vara 1–8."), code="ogiltig_rosa")
    inkom = inkom or timezone.now()
    if kategori is not None:
        forvaltning = forvaltning or kategori.forvaltning
        rosa = rosa or kategori.standard_rosa
    medarbetare = getattr(av, "medarbetare", None)
    kommun = kommun or (forvaltning.kommun if forvaltning else None)
    kommun_id = kommun.pk if kommun else None
    if kommun_id is None and medarbetare is not None:
        # The staff member's kommun: its id is enough to save the row, no query for it.
        kommun_id = medarbetare.kommun_id
        if Medarbetare.kommun.is_cached(medarbetare):
            kommun = medarbetare.kommun
    if kommun_id is None:
        kommun = standardkommun()
        kommun_id = kommun.pk
    arende = Arende(
        kommun_id=kommun_id,
        rubrik=rubrik[:200],
        beskrivning=beskrivning,
        kanal=kanal,
        status=Status.NY,
        rosa=rosa,
        kategori=kategori,
        forvaltning=forvaltning,
        kontakt=kontakt,
        skapad_av=av,
        inkom=inkom,
        svar_senast=svar_senast_berakna(inkom=inkom, kategori=kategori),
        sekretess=sekretess,
    )
    if kommun is not None:
        arende.kommun = kommun
    return arende, {"kanal": kanal, "kategori": kategori.namn if kategori else None, "rosa": rosa}


@_atomic
def arende_skapa(
    *,
    rubrik: str,
    kanal: str,
    av: AbstractUser | None,
    beskrivning: str = "",
    kontakt: Kontakt | None = None,
    kategori: Kategori | None = None,
    forvaltning: Forvaltning | None = None,
    rosa: int | None = None,
    inkom: datetime | None = None,
    sekretess: bool = False,
    kommun: Kommun | None = None,
) -> Arende:
    """Open a new ärende with its number, SLA due time and first timeline entry.

    The kategori supplies the default förvaltning and ROSA-nivå. An inkom given by the
    caller must lie between INKOM_TIDIGAST_AR and next year.
    """
    if inkom is not None:
        _inkom_kontrollera(inkom)
    arende, skapat = _arende_bygg(
        rubrik=rubrik,
        kanal=kanal,
        av=av,
        beskrivning=beskrivning,
        kontakt=kontakt,
        kategori=kategori,
        forvaltning=forvaltning,
        rosa=rosa,
        inkom=inkom,
        sekretess=sekretess,
        kommun=kommun,
    )
    arende.nummer = arendenummer_reservera(ar=timezone.localtime(arende.inkom).year)[0]
    arende.save(force_insert=True)
    _skrivet(arende)
    if sekretess and av is not None:
        arende.sekretess_behoriga.add(av)
    _handelse(arende, Handelse.Typ.SKAPAT, av, **skapat)
    return arende


@dataclass
class NyttMeddelande:
    """The first inbound message of an ärende opened by arenden_skapa_manga."""

    text: str
    avsandare: str = ""
    amne: str = ""
    html: str = ""
    metadata: dict | None = None


@dataclass
class NyttArende:
    """One ärende for arenden_skapa_manga: arende_skapa's arguments and its first message."""

    rubrik: str
    kanal: str
    kontakt: Kontakt | None = None
    kategori: Kategori | None = None
    forvaltning: Forvaltning | None = None
    rosa: int | None = None
    inkom: datetime | None = None
    meddelande: NyttMeddelande | None = None


@_atomic
def arenden_skapa_manga(*, nya: list[NyttArende]) -> list[Arende]:
    """Open many ärenden at once, as arende_skapa and then arende_ta_emot_meddelande would.

    For a channel taking in a batch (e-post): the numbers are reserved in one block per
    year and every row goes in with one bulk insert per table, so a batch costs a handful
    of queries instead of a dozen per ärende. Nobody acts (`av` is None); a failure rolls
    back the whole batch. Returns the ärenden in the order given, each with its first
    message as `arende.forsta_meddelande` when one was given.
    """
    kommun_cache: list[Kommun] = []

    def standardkommun() -> Kommun:
        if not kommun_cache:
            kommun_cache.append(_standardkommun())
        return kommun_cache[0]

    byggda = [
        _arende_bygg(
            rubrik=ny.rubrik,
            kanal=ny.kanal,
            av=None,
            kontakt=ny.kontakt,
            kategori=ny.kategori,
            forvaltning=ny.forvaltning,
            rosa=ny.rosa,
            inkom=ny.inkom,
            standardkommun=standardkommun,
        )
        for ny in nya
    ]
    per_ar: dict[int, list[Arende]] = defaultdict(list)
    for arende, _skapat in byggda:
        per_ar[timezone.localtime(arende.inkom).year].append(arende)
    for ar, arenden in sorted(per_ar.items()):
        nummer = arendenummer_reservera(ar=ar, antal=len(arenden))
        for arende, nr in zip(arenden, nummer, strict=True):
            arende.nummer = nr
    arenden = Arende.objects.bulk_create([arende for arende, _skapat in byggda])
    handelser = [
        Handelse(arende=arende, typ=Handelse.Typ.SKAPAT, aktor=None, data=skapat)
        for arende, skapat in byggda
    ]
    meddelanden = []
    for arende, ny in zip(arenden, nya, strict=True):
        arende.forsta_meddelande = None
        if ny.meddelande is not None:
            arende.forsta_meddelande = _meddelande_in(arende, kanal=ny.kanal, **vars(ny.meddelande))
            meddelanden.append(arende.forsta_meddelande)
    Meddelande.objects.bulk_create(meddelanden)
    handelser += [_meddelande_in_handelse(meddelande) for meddelande in meddelanden]
    Handelse.objects.bulk_create(handelser)
    return arenden


@_atomic
def arende_registrera(
    *,
    av: AbstractUser | None,
    kontakt: dict[str, str] | None = None,
    **uppgifter,
) -> Arende:
    """Register a contact as staff do it: find or create the kontakt, then open the ärende.

    `kontakt` holds namn, epost, telefon, personnummer, organisationsnummer (all optional);
    `uppgifter` are arende_skapa's arguments. Nothing is saved if either step fails.
    """
    egen_kommun = behorighet.kommun_id_for_user(av) if av is not None else None
    if egen_kommun is not None:
        _kontrollera_kommun(
            egen_kommun,
            forvaltning=uppgifter.get("forvaltning"),
            kategori=uppgifter.get("kategori"),
        )
        kommun = uppgifter.get("kommun")
        if kommun is not None and kommun.pk != egen_kommun:
            raise OgiltigUppgift(_("Du registrerar ärenden i din egen kommun."), code="fel_kommun")
    kontakt_rad = kontakt_hitta_eller_skapa(**(kontakt or {}))
    return arende_skapa(av=av, kontakt=kontakt_rad, **uppgifter)


def _kontrollera_kommun(
    kommun_id: int, *, forvaltning: Forvaltning | None, kategori: Kategori | None
) -> None:
    """Refuse a förvaltning or kategori of another kommun than the ärende's (or the staff's)."""
    for namn, forvaltning_ in (
        (forvaltning.namn if forvaltning else "", forvaltning),
        (kategori.namn if kategori else "", kategori.forvaltning if kategori else None),
    ):
        if forvaltning_ is not None and forvaltning_.kommun_id != kommun_id:
            raise OgiltigUppgift(
                _("%(namn)s hör till en annan kommun än ärendet.") % {"namn": namn},
                code="fel_kommun",
            )


def _meddelande_in(
    arende: Arende,
    *,
    kanal: str,
    text: str,
    avsandare: str = "",
    amne: str = "",
    html: str = "",
    metadata: dict | None = None,
) -> Meddelande:
    """The unsaved inbound message from the citizen (see arende_ta_emot_meddelande)."""
    return Meddelande(
        arende=arende,
        riktning=Meddelande.Riktning.IN,
        kanal=kanal,
        avsandare=avsandare,
        amne=amne,
        text=text,
        html=html,
        metadata=metadata or {},
    )


def _meddelande_in_handelse(meddelande: Meddelande) -> Handelse:
    """The unsaved timeline entry of a saved inbound message."""
    return Handelse(
        arende=meddelande.arende,
        typ=Handelse.Typ.MEDDELANDE_IN,
        aktor=None,
        data={"meddelande_id": meddelande.pk, "kanal": meddelande.kanal},
    )


@_atomic
def arende_ta_emot_meddelande(
    *,
    arende: Arende,
    kanal: str,
    text: str,
    avsandare: str = "",
    amne: str = "",
    html: str = "",
    metadata: dict | None = None,
    ateroppna: bool = True,
) -> Meddelande:
    """Add an inbound message from the citizen; a closed or answered ärende reopens.

    A message on a merged ärende goes to the ärende it was merged into. `ateroppna=False`
    stores it without reopening (an out-of-office reply or a bounce is no new question).
    """
    arende = _las(arende, version=None, atgard=None)
    while arende.sammanslagen_med_id is not None:
        arende = _las(arende.sammanslagen_med, version=None, atgard=None)
    meddelande = _meddelande_in(
        arende,
        kanal=kanal,
        text=text,
        avsandare=avsandare,
        amne=amne,
        html=html,
        metadata=metadata,
    )
    meddelande.save(force_insert=True)
    _meddelande_in_handelse(meddelande).save(force_insert=True)
    if ateroppna and arende.status in (
        Status.BESVARAD,
        Status.AVSLUTAD,
        Status.VANTAR_PA_KONTAKT,
    ):
        _oppna_igen(arende, av=None, orsak=_("Nytt meddelande från kontakten."))
    return meddelande


@_atomic
def arende_tilldela(
    *,
    arende: Arende,
    av: AbstractUser,
    till: AbstractUser,
    version: int | None = None,
    ta_over: bool = False,
) -> Arende:
    """Give the ärende to `till`. Only one of two simultaneous takers wins.

    Without `ta_over`, an ärende someone else already holds is refused: the row lock makes
    the second taker wait for the first's commit and then see the first's name.
    """
    arende = _las(arende, version=version, atgard="tilldela")
    if arende.tilldelad_id == till.pk:
        return arende
    if not behorighet.kan_tilldelas(till, arende):
        raise OgiltigUppgift(
            _("%(namn)s kan inte få ärende %(nummer)s: bara medarbetare i ärendets kommun.")
            % {"namn": _namn(till), "nummer": arende.nummer},
            code="fel_mottagare",
        )
    if arende.tilldelad_id is not None and not ta_over:
        raise ArendeRedanTilldelat(
            _("%(namn)s har redan tagit ärende %(nummer)s.")
            % {"namn": _namn(arende.tilldelad), "nummer": arende.nummer},
            extra={"tilldelad": arende.tilldelad.get_username()},
        )
    fran = arende.tilldelad
    arende.tilldelad = till
    falt = ["tilldelad"]
    if arende.status == Status.NY:
        arende.status = Status.PAGAENDE
        falt.append("status")
    _spara(arende, *falt)
    if arende.sekretess:
        arende.sekretess_behoriga.add(till)
    _handelse(
        arende,
        Handelse.Typ.TILLDELAT,
        av,
        till=till.get_username(),
        till_namn=_namn(till),
        fran=fran.get_username() if fran else None,
    )
    return arende


@_atomic
def arende_klassificera(
    *,
    arende: Arende,
    av: AbstractUser,
    rosa: int | None = None,
    kategori: Kategori | None = None,
    forvaltning: Forvaltning | None = None,
    version: int | None = None,
) -> Arende:
    """Set ROSA-nivå, kategori and förvaltning; a new kategori moves the due time."""
    arende = _las(arende, version=version, atgard="klassificera")
    _kontrollera_kommun(arende.kommun_id, forvaltning=forvaltning, kategori=kategori)
    if rosa is not None and rosa not in RosaNiva.values:
        raise OgiltigUppgift(_("ROSA-nivån ska vara 1–8."), code="ogiltig_rosa")
    andringar: dict[str, list] = {}
    if rosa is not None and rosa != arende.rosa:
        andringar["rosa"] = [arende.rosa, rosa]
        arende.rosa = rosa
    if kategori is not None and kategori.pk != arende.kategori_id:
        andringar["kategori"] = [arende.kategori.namn if arende.kategori else None, kategori.namn]
        arende.kategori = kategori
        arende.svar_senast = svar_senast_berakna(inkom=arende.inkom, kategori=kategori)
        if forvaltning is None and arende.forvaltning_id is None:
            forvaltning = kategori.forvaltning
    if forvaltning is not None and forvaltning.pk != arende.forvaltning_id:
        andringar["forvaltning"] = [
            arende.forvaltning.namn if arende.forvaltning else None,
            forvaltning.namn,
        ]
        arende.forvaltning = forvaltning
    if not andringar:
        return arende
    _spara(arende, "rosa", "kategori", "forvaltning", "svar_senast")
    _handelse(arende, Handelse.Typ.KLASSIFICERAT, av, andringar=andringar)
    return arende


@_atomic
def arende_svara(
    *, arende: Arende, av: AbstractUser, text: str, version: int | None = None
) -> Meddelande:
    """Record an answer to the citizen and mark the ärende answered.

    When the ärende's channel registered a deliverer (arenden/krokar.py) that takes the
    answer, the ärende is marked answered only when the channel reports it delivered
    (`arende_svar_levererat`); until then the message waits as not yet sent.
    """
    text = text.strip()
    if not text:
        raise OgiltigUppgift(_("Svaret är tomt."), code="svar_tomt")
    arende = _las(arende, version=version, atgard="svara")
    nu = timezone.now()
    meddelande = Meddelande.objects.create(
        arende=arende,
        riktning=Meddelande.Riktning.UT,
        kanal=arende.kanal,
        avsandare=_namn(av),
        mottagare=str(arende.kontakt) if arende.kontakt_id else "",
        text=text,
        skapad=nu,
        skapad_av=av,
    )
    leverantor = krokar.leverantor_for_kanal(arende.kanal)
    if leverantor is not None and leverantor(arende=arende, meddelande=meddelande, av=av):
        return meddelande
    _markera_besvarad(arende, meddelande, av=av, nu=nu)
    return meddelande


@_atomic
def arende_svar_levererat(*, meddelande: Meddelande) -> Arende:
    """Mark the ärende answered now that its channel delivered `meddelande`.

    Called by the channel that took the answer in `arende_svara`; once per message. A
    förseningsbesked (`arende_forseningsbesked`) goes the same way but answers nothing.
    """
    if meddelande.metadata.get("forseningsbesked"):
        return meddelande.arende
    arende = _las(meddelande.arende, version=None, atgard=None)
    _markera_besvarad(arende, meddelande, av=meddelande.skapad_av, nu=timezone.now())
    return arende


def _markera_besvarad(
    arende: Arende, meddelande: Meddelande, *, av: AbstractUser | None, nu: datetime
) -> None:
    text = meddelande.text
    arende.forsta_svar = arende.forsta_svar or nu
    arende.besvarad = nu
    falt = ["forsta_svar", "besvarad"]
    if arende.status != Status.AVSLUTAD:
        arende.status = Status.BESVARAD
        falt.append("status")
    _spara(arende, *falt)
    _handelse(arende, Handelse.Typ.SVAR, av, meddelande_id=meddelande.pk, text=text)


@_atomic
def arende_anteckna(*, arende: Arende, av: AbstractUser, text: str) -> Handelse:
    """Add an internal note; it changes nothing else, so it needs no version."""
    text = text.strip()
    if not text:
        raise OgiltigUppgift(_("Anteckningen är tom."), code="anteckning_tom")
    arende = _las(arende, version=None, atgard="anteckna")
    return _handelse(arende, Handelse.Typ.ANTECKNING, av, text=text)


@_atomic
def arende_eskalera(
    *,
    arende: Arende,
    av: AbstractUser,
    forvaltning: Forvaltning,
    orsak: str,
    handlaggare: AbstractUser | None = None,
    svarsgrupp: Svarsgrupp | None = None,
    rosa: int | None = None,
    diariefor: bool | None = None,
    version: int | None = None,
) -> Arende:
    """Hand the ärende to a förvaltning, and to one handläggare or one svarsgrupp if named.

    `diariefor` defaults to the kategori's setting; the Platina bridge acts on it.
    """
    orsak = orsak.strip()
    if not orsak:
        raise OgiltigUppgift(
            _("Skriv varför ärendet eskaleras, så att handläggaren vet vad som redan är gjort."),
            code="orsak_saknas",
        )
    arende = _las(arende, version=version, atgard="eskalera")
    if forvaltning.kommun_id != arende.kommun_id:
        raise OgiltigUppgift(
            _("%(forvaltning)s hör till en annan kommun än ärendet.")
            % {"forvaltning": forvaltning.namn},
            code="fel_kommun",
        )
    if svarsgrupp is not None and svarsgrupp.forvaltning_id != forvaltning.pk:
        raise OgiltigUppgift(
            _("Svarsgruppen %(grupp)s hör inte till %(forvaltning)s.")
            % {"grupp": svarsgrupp.namn, "forvaltning": forvaltning.namn},
            code="svarsgrupp_fel_forvaltning",
        )
    if handlaggare is not None:
        medarbetare = getattr(handlaggare, "medarbetare", None)
        if (
            medarbetare is None
            or medarbetare.forvaltning_id != forvaltning.pk
            or not behorighet.ar_handlaggare(handlaggare)
        ):
            raise OgiltigUppgift(
                _("%(namn)s är inte handläggare på %(forvaltning)s.")
                % {"namn": _namn(handlaggare), "forvaltning": forvaltning.namn},
                code="handlaggare_fel_forvaltning",
            )
    if rosa is not None:
        if rosa not in RosaNiva.values:
            raise OgiltigUppgift(_("ROSA-nivån ska vara 1–8."), code="ogiltig_rosa")
        arende.rosa = rosa
    if diariefor is None:
        diariefor = bool(arende.kategori and arende.kategori.diarieford)
    arende.forvaltning = forvaltning
    arende.tilldelad = handlaggare
    arende.svarsgrupp = svarsgrupp
    arende.status = Status.ESKALERAD
    arende.eskalerad = timezone.now()
    _spara(arende, "forvaltning", "tilldelad", "svarsgrupp", "status", "eskalerad", "rosa")
    if arende.sekretess and handlaggare is not None:
        arende.sekretess_behoriga.add(handlaggare)
    _handelse(
        arende,
        Handelse.Typ.ESKALERAT,
        av,
        forvaltning=forvaltning.namn,
        forvaltning_id=forvaltning.pk,
        handlaggare=handlaggare.get_username() if handlaggare else None,
        svarsgrupp=svarsgrupp.namn if svarsgrupp else None,
        orsak=orsak,
        rosa=arende.rosa,
        diariefor=diariefor,
    )
    # In this transaction: the Platina bridge writes its outbox row here (arenden/krokar.py).
    krokar.eskalerad(arende=arende, av=av, diariefor=diariefor)
    return arende


@_atomic
def arende_satt_diarienummer(
    *, arende: Arende, diarienummer: str, av: AbstractUser | None = None, manuellt: bool = False
) -> Arende:
    """Record the diarienummer Platina (or, by hand, a registrator) gave the ärende.

    The version is not bumped: nobody edits the diarienummer in a form, so a background
    registration must not make a handläggare's open form stale.
    """
    arende = _las(arende, version=None, atgard=None)
    if arende.diarienummer == diarienummer:
        return arende
    arende.diarienummer = diarienummer
    arende.save(update_fields=["diarienummer", "andrad"])
    _skrivet(arende)
    _handelse(arende, Handelse.Typ.DIARIEFORT, av, diarienummer=diarienummer, manuellt=manuellt)
    return arende


@_atomic
def arende_vanta(
    *, arende: Arende, av: AbstractUser, orsak: str = "", version: int | None = None
) -> Arende:
    """Wait for the citizen (a missing document, an answer to a question)."""
    arende = _las(arende, version=version, atgard="vanta")
    arende.status = Status.VANTAR_PA_KONTAKT
    _spara(arende, "status")
    _handelse(arende, Handelse.Typ.VANTAR, av, orsak=orsak.strip())
    return arende


@_atomic
def arende_parkera(
    *, arende: Arende, av: AbstractUser, till: date, orsak: str = "", version: int | None = None
) -> Arende:
    """Park the ärende until `till`; on that morning the beat task takes it back.

    The SLA clock is not stopped: `svar_senast` is what the citizen was promised, and an
    internal wait does not move it. Parked past it, the ärende shows as late and the
    reminders run as usual; the one to tell the citizen why is the förseningsbesked.
    (Waiting for the citizen is different: his answer reopens the ärende, and a new due
    time runs from then, see `_oppna_igen`.)
    """
    if till <= timezone.localdate():
        raise OgiltigUppgift(_("Välj ett datum efter i dag."), code="parkera_datum")
    arende = _las(arende, version=version, atgard="parkera")
    fran = arende.status
    arende.status = Status.PARKERAD
    arende.parkerad_till = till
    _spara(arende, "status", "parkerad_till")
    _handelse(
        arende, Handelse.Typ.PARKERAT, av, till=till.isoformat(), orsak=orsak.strip(), fran=fran
    )
    return arende


# Parked ärenden woken per beat run; each is its own short transaction.
AVPARKERA_PER_KORNING = 500


def arenden_avparkera(*, idag: date | None = None) -> list[str]:
    """Wake every parked ärende whose date has come, back to the status it was parked from."""
    idag = idag or timezone.localdate()
    vackta = []
    parkerade = Arende.objects.filter(status=Status.PARKERAD, parkerad_till__lte=idag)
    for pk in parkerade.values_list("pk", flat=True)[:AVPARKERA_PER_KORNING]:
        with transaction.atomic():
            arende = _las(Arende(pk=pk), version=None, atgard=None)
            if arende.status != Status.PARKERAD:
                continue
            parkerat = arende.handelser.filter(typ=Handelse.Typ.PARKERAT).order_by("-tid", "-id")
            fran = parkerat.values_list("data__fran", flat=True).first() or Status.PAGAENDE
            arende.status = fran if fran in Status.oppna() else Status.PAGAENDE
            arende.parkerad_till = None
            _spara(arende, "status", "parkerad_till")
            _handelse(arende, Handelse.Typ.PARKERING_SLUT, None, status=arende.status)
            vackta.append(arende.nummer)
    return vackta


@_atomic
def arende_aterlamna(
    *, arende: Arende, av: AbstractUser, text: str, version: int | None = None
) -> Arende:
    """Hand an escalated ärende back to the contact center with an internal answer.

    The kommunvägledare who escalated it gets it back and answers the citizen; the text
    stays internal (a timeline event, never a message to the citizen).
    """
    text = text.strip()
    if not text:
        raise OgiltigUppgift(
            _("Skriv svaret som kontaktcenter ska förmedla."), code="aterlamna_tom"
        )
    arende = _las(arende, version=version, atgard="aterlamna")
    eskalering = arende.handelser.filter(typ=Handelse.Typ.ESKALERAT).order_by("-tid", "-id").first()
    arende.status = Status.PAGAENDE
    arende.tilldelad = eskalering.aktor if eskalering else None
    _spara(arende, "status", "tilldelad")
    _handelse(
        arende,
        Handelse.Typ.ATERLAMNAT,
        av,
        text=text,
        till=arende.tilldelad.get_username() if arende.tilldelad else None,
    )
    return arende


@_atomic
def arende_forseningsbesked(
    *,
    arende: Arende,
    av: AbstractUser,
    orsak: str,
    ny_svarsdag: date,
    version: int | None = None,
) -> Meddelande:
    """Tell the citizen the ärende will be substantially delayed, why, and when to expect it.

    Förvaltningslagen 11 §. The text goes out as a message through the ärende's channel,
    like an answer (arenden/krokar.py), but the ärende stays unanswered and its
    svar_senast stays where it was: the promise is kept as made, the besked explains.
    """
    orsak = orsak.strip()
    if not orsak:
        raise OgiltigUppgift(
            _("Skriv varför ärendet dröjer."), code="forseningsbesked_orsak_saknas"
        )
    if ny_svarsdag < timezone.localdate():
        raise OgiltigUppgift(
            _("Dagen då svar kan väntas har redan passerat."),
            code="forseningsbesked_datum_passerat",
        )
    arende = _las(arende, version=version, atgard="forseningsbesked")
    text = _(
        "Ditt ärende %(nummer)s tar längre tid än vi har lovat.\n\n"
        "Orsak: %(orsak)s\n\n"
        "Du kan räkna med svar senast %(datum)s."
    ) % {"nummer": arende.nummer, "orsak": orsak, "datum": ny_svarsdag.isoformat()}
    meddelande = Meddelande.objects.create(
        arende=arende,
        riktning=Meddelande.Riktning.UT,
        kanal=arende.kanal,
        avsandare=_namn(av),
        mottagare=str(arende.kontakt) if arende.kontakt_id else "",
        text=text,
        # Tells arende_svar_levererat that delivering this message answers nothing.
        metadata={"forseningsbesked": True},
        skapad_av=av,
    )
    leverantor = krokar.leverantor_for_kanal(arende.kanal)
    if leverantor is not None:
        leverantor(arende=arende, meddelande=meddelande, av=av)
    _spara(arende)
    _handelse(
        arende,
        Handelse.Typ.FORSENINGSBESKED,
        av,
        meddelande_id=meddelande.pk,
        orsak=orsak,
        ny_svarsdag=ny_svarsdag.isoformat(),
        text=text,
    )
    return meddelande


@_atomic
def arende_avsluta(
    *,
    arende: Arende,
    av: AbstractUser,
    utfall: str,
    kommentar: str = "",
    version: int | None = None,
) -> Arende:
    """Close the ärende with how it ended; statistics count on the utfall."""
    if utfall not in Utfall.values or utfall == Utfall.SAMMANSLAGET:
        raise OgiltigUppgift(_("Välj hur ärendet avslutades."), code="utfall_saknas")
    arende = _las(arende, version=version, atgard="avsluta")
    arende.status = Status.AVSLUTAD
    arende.utfall = utfall
    arende.avslutad = timezone.now()
    _spara(arende, "status", "utfall", "avslutad")
    _handelse(arende, Handelse.Typ.AVSLUTAT, av, utfall=utfall, kommentar=kommentar.strip())
    return arende


def _oppna_igen(arende: Arende, *, av: AbstractUser | None, orsak: str) -> Arende:
    nu = timezone.now()
    arende.status = Status.PAGAENDE
    arende.utfall = ""
    arende.avslutad = None
    arende.besvarad = None
    arende.svar_senast = svar_senast_berakna(inkom=nu, kategori=arende.kategori)
    _spara(arende, "status", "utfall", "avslutad", "besvarad", "svar_senast")
    _handelse(arende, Handelse.Typ.ATEROPPNAT, av, orsak=orsak)
    return arende


@_atomic
def arende_ateroppna(
    *, arende: Arende, av: AbstractUser, orsak: str = "", version: int | None = None
) -> Arende:
    """Reopen an answered or closed ärende; a new due time runs from now."""
    arende = _las(arende, version=version, atgard="ateroppna")
    return _oppna_igen(arende, av=av, orsak=orsak.strip())


@_atomic
def arende_sla_ihop(
    *, kalla: Arende, mal: Arende, av: AbstractUser, version: int | None = None
) -> Arende:
    """Merge `kalla` into `mal`: kalla closes and points to mal; both timelines are kept.

    Secrecy carries over: merging a sekretessmarkerat ärende makes the survivor one too.
    `version` is the version of `kalla` the caller read.
    """
    if kalla.pk == mal.pk:
        raise OgiltigUppgift(
            _("Ett ärende kan inte slås ihop med sig självt."), code="samma_arende"
        )
    # Lock in id order so that two opposite merges cannot deadlock.
    forsta, andra = sorted((kalla, mal), key=lambda a: a.pk)
    lasta = {
        forsta.pk: _las(
            forsta, version=version if forsta.pk == kalla.pk else None, atgard="sla_ihop"
        ),
        andra.pk: _las(andra, version=version if andra.pk == kalla.pk else None, atgard="sla_ihop"),
    }
    kalla, mal = lasta[kalla.pk], lasta[mal.pk]
    if kalla.kommun_id != mal.kommun_id:
        raise OgiltigUppgift(
            _("Ärenden i olika kommuner kan inte slås ihop."), code="olika_kommuner"
        )
    kalla.status = Status.AVSLUTAD
    kalla.utfall = Utfall.SAMMANSLAGET
    kalla.avslutad = timezone.now()
    kalla.sammanslagen_med = mal
    _spara(kalla, "status", "utfall", "avslutad", "sammanslagen_med")
    if kalla.sekretess:
        if not mal.sekretess:
            mal.sekretess = True
            _spara(mal, "sekretess")
            # As when marking by hand: whoever holds the survivor keeps it.
            if mal.tilldelad_id:
                mal.sekretess_behoriga.add(mal.tilldelad_id)
        mal.sekretess_behoriga.add(*kalla.sekretess_behoriga.all())
    _handelse(kalla, Handelse.Typ.SAMMANSLAGET, av, med=mal.nummer, roll="kalla")
    _handelse(mal, Handelse.Typ.SAMMANSLAGET, av, med=kalla.nummer, roll="mal")
    return mal


@_atomic
def arende_satt_sekretess(
    *,
    arende: Arende,
    av: AbstractUser,
    sekretess: bool,
    behoriga: list[AbstractUser],
    version: int | None = None,
) -> Arende:
    """Mark or unmark the ärende as secret and name who may see it.

    The one marking it and the current assignee are always among those named.
    """
    arende = _las(arende, version=version, atgard="sekretess")
    arende.sekretess = sekretess
    _spara(arende, "sekretess")
    namngivna = {anv.pk: anv for anv in behoriga}
    namngivna[av.pk] = av
    if arende.tilldelad_id:
        namngivna[arende.tilldelad_id] = arende.tilldelad
    arende.sekretess_behoriga.set(namngivna.values() if sekretess else [])
    _handelse(
        arende,
        Handelse.Typ.SEKRETESS,
        av,
        sekretess=sekretess,
        behoriga=sorted(anv.get_username() for anv in namngivna.values()) if sekretess else [],
    )
    return arende


# ---------------------------------------------------------------------------------------
# Svarsmallar


def svarsmall_spara(
    *,
    av: AbstractUser,
    titel: str,
    text: str,
    forvaltning: Forvaltning | None,
    aktiv: bool = True,
    mall: Svarsmall | None = None,
) -> Svarsmall:
    """Create a svarsmall, or change `mall`; a blank title or text is refused.

    Who may write a gemensam mall, or one of which förvaltning, is decided here for every
    caller (`behorighet.kontrollera_svarsmall_spara`).
    """
    behorighet.kontrollera_svarsmall_spara(av, mall=mall, forvaltning=forvaltning)
    titel, text = titel.strip(), text.strip()
    if not titel or not text:
        raise OgiltigUppgift(_("En svarsmall behöver både titel och text."), code="svarsmall_tom")
    mall = mall or Svarsmall()
    mall.titel, mall.text, mall.forvaltning, mall.aktiv = titel, text, forvaltning, aktiv
    mall.andrad_av = av
    mall.save()
    return mall
