"""Reads of the kunskapsbank: search with logging, versions and diffs, upkeep, gaps."""

import datetime
import difflib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from kontaktcenter.errors import ApplicationError
from kunskapsbank import behorighet, services, sok
from kunskapsbank.models import (
    Anvandning,
    ArtikelStatus,
    ArtikelVersion,
    Kunskapsartikel,
    Malgrupp,
)


@dataclass(frozen=True)
class Sokresultat:
    sokning_id: int
    traffar: list[sok.Traff]


def artikel_sok(*, user, fraga: str, antal: int = 10, logga: bool = True) -> Sokresultat:
    """Search the published articles the user may read; log the search for the gap report."""
    traffar = sok.sok(
        fraga=fraga,
        malgrupper=behorighet.malgrupper(user),
        antal=antal,
        kommun_id=behorighet.kommun_id(user),
    )
    sokning_id = 0
    if logga and fraga.strip():
        sokning_id = services.sokning_logga(
            text=fraga,
            antal_traffar=len(traffar),
            roll=behorighet.roll_for_logg(user),
            anvandare=user,
        ).pk
    return Sokresultat(sokning_id=sokning_id, traffar=traffar)


def artikel_versioner(*, artikel: Kunskapsartikel) -> QuerySet[ArtikelVersion]:
    return artikel.versioner.select_related("andrad_av").order_by("-nummer")


def _rader(v: ArtikelVersion) -> list[str]:
    """Return a version as the lines a diff compares."""
    return [
        f"Fråga: {v.fraga}",
        *(f"Även: {a}" for a in v.alternativa_fragor),
        f"Målgrupp: {v.malgrupp}",
        f"Status: {v.status}",
        *services.svar_som_text(v.svar).splitlines(),
    ]


def versioner_diff(*, artikel: Kunskapsartikel, fran: int, till: int) -> list[str]:
    """Return a unified diff of the question, phrasings and answer between two versions."""
    versioner = {v.nummer: v for v in artikel.versioner.filter(nummer__in=[fran, till])}
    if fran not in versioner or till not in versioner:
        return []
    return list(
        difflib.unified_diff(
            _rader(versioner[fran]),
            _rader(versioner[till]),
            fromfile=f"version {fran}",
            tofile=f"version {till}",
            lineterm="",
        )
    )


@dataclass(frozen=True)
class Diffrad:
    """One line of a comparison: "lika" (unchanged), "bort" (removed) or "till" (added)."""

    typ: str
    text: str


def versioner_jamfor(*, artikel: Kunskapsartikel, fran: int, till: int) -> list[Diffrad] | None:
    """Return the lines of version `fran` against `till`, for the history page.

    Every line is kept, marked unchanged, removed or added (difflib); None when either
    version does not exist.
    """
    versioner = {v.nummer: v for v in artikel.versioner.filter(nummer__in=[fran, till])}
    if fran not in versioner or till not in versioner:
        return None
    typer = {" ": "lika", "-": "bort", "+": "till"}
    return [
        Diffrad(typ=typer[rad[0]], text=rad[2:])
        for rad in difflib.ndiff(_rader(versioner[fran]), _rader(versioner[till]))
        if rad[0] in typer  # "?" lines are ndiff's intraline hints
    ]


def statusbyten_for_user(*, user, artikel: Kunskapsartikel) -> list[str]:
    """Return the statuses the user may move the article to now, in lifecycle order."""
    mojliga = services.OVERGANGAR.get(artikel.status, frozenset())
    tillatna = []
    for status in ArtikelStatus.values:
        if status not in mojliga:
            continue
        try:
            behorighet.kontrollera_status(user, artikel, status)
        except ApplicationError:
            continue
        tillatna.append(status)
    return tillatna


def artiklar_att_granska(*, user: AbstractUser, idag: datetime.date | None = None):
    """Return published articles past their review date: the owner's own; all for teamledare."""
    idag = idag or timezone.localdate()
    qs = behorighet.artikel_queryset_for_user(user).filter(
        status=ArtikelStatus.PUBLICERAD, granskas_senast__lt=idag
    )
    if not behorighet.ar_granskare(user):
        qs = qs.filter(agare=user)
    return qs.order_by("granskas_senast", "id")


def artiklar_i_granskning(*, user: AbstractUser):
    """Return drafts waiting for review that the user may publish."""
    qs = (
        behorighet.artikel_queryset_for_user(user)
        .select_related("kalla_arende")
        .filter(status=ArtikelStatus.GRANSKNING)
    )
    if not behorighet.ar_granskare(user):
        medarbetare = getattr(user, "medarbetare", None)
        forvaltning_id = medarbetare.forvaltning_id if medarbetare else None
        qs = qs.filter(Q(agare=user) | Q(agare__isnull=True, forvaltning_id=forvaltning_id))
    return qs.order_by("andrad", "id")


def forsenade_per_agare(*, idag: datetime.date | None = None) -> dict[int, list[int]]:
    """Return {owner id: [article ids]} of published articles past their review date."""
    idag = idag or timezone.localdate()
    ut: dict[int, list[int]] = {}
    for artikel_id, agare_id in (
        Kunskapsartikel.objects.filter(
            status=ArtikelStatus.PUBLICERAD, granskas_senast__lt=idag, agare__isnull=False
        )
        .order_by("agare_id", "id")
        .values_list("id", "agare_id")
    ):
        ut.setdefault(agare_id, []).append(artikel_id)
    return ut


@dataclass(frozen=True)
class Lucka:
    text: str
    antal: int
    utan_traff: int
    aldrig_anvand: int


def kunskapsluckor(*, user, sedan: datetime.datetime | None = None, antal: int = 50) -> list[Lucka]:
    """Return searches that found nothing, or whose results were never used, most common first.

    Only the searches the user may read (his kommun's staff's and the public's).

    Grouped on the lower-cased text; `utan_traff` are the kunskapsluckor, `aldrig_anvand`
    the searches where nothing shown answered an ärende.
    """
    sedan = sedan or timezone.now() - datetime.timedelta(days=90)
    rader = (
        behorighet.sokning_queryset_for_user(user)
        .filter(tid__gte=sedan)
        .filter(Q(antal_traffar=0) | Q(anvand=False))
        .values("text")
        .annotate(
            antal=Count("id"),
            utan_traff=Count("id", filter=Q(antal_traffar=0)),
            aldrig_anvand=Count("id", filter=Q(antal_traffar__gt=0, anvand=False)),
        )
        .order_by("-utan_traff", "-antal", "text")[:antal]
    )
    return [Lucka(**rad) for rad in rader]


def statistik_forsta_kontakt(*, sedan: datetime.datetime) -> dict[str, int]:
    """Return how many ärenden an article answered, and how many of them at first contact."""
    qs = Anvandning.objects.filter(tid__gte=sedan)
    return {
        "arenden": qs.values("arende_id").distinct().count(),
        "forsta_kontakt": qs.filter(forsta_kontakt=True).values("arende_id").distinct().count(),
    }


def artikel_anvand_i(*, arende_id: int) -> QuerySet[Kunskapsartikel]:
    """Return the articles that answered the ärende."""
    return Kunskapsartikel.objects.filter(
        Exists(Anvandning.objects.filter(artikel=OuterRef("pk"), arende_id=arende_id))
    )


def publika_artiklar_grupperade() -> dict[str, list[Kunskapsartikel]]:
    """Return the public FAQ: published public articles by förvaltning's name, by question."""
    artiklar = (
        Kunskapsartikel.objects.filter(status=ArtikelStatus.PUBLICERAD, malgrupp=Malgrupp.PUBLIK)
        .select_related("forvaltning")
        .order_by("forvaltning__namn", "fraga")
        .only("id", "fraga", "svar", "forvaltning__namn")
    )
    grupper: dict[str, list[Kunskapsartikel]] = {}
    for artikel in artiklar:
        grupper.setdefault(artikel.forvaltning.namn, []).append(artikel)
    return grupper


def publika_artiklar_version() -> str:
    """Return a fingerprint of the public FAQ that changes whenever its content may have.

    An article published, withdrawn, edited (version and andrad move) or swapped for
    another changes the count, the newest change, the sum of versions or of ids. A
    förvaltning renamed is not seen here: the cached FAQ shows it when the entry expires.
    """
    rad = Kunskapsartikel.objects.filter(
        status=ArtikelStatus.PUBLICERAD, malgrupp=Malgrupp.PUBLIK
    ).aggregate(antal=Count("id"), andrad=Max("andrad"), versioner=Sum("version"), id=Sum("id"))
    andrad = rad["andrad"].timestamp() if rad["andrad"] else 0
    return f"{rad['antal']}-{andrad}-{rad['versioner'] or 0}-{rad['id'] or 0}"
