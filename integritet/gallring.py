"""Gallring: remove closed ärenden that are not diarieförda once their kategori's time is up.

`gallra()` is run daily by Celery beat (`kontaktcenter/celery.py`) and by hand with
`python manage.py gallra [--torrkorning]`. It works in batches of GALLRING_BATCH ärenden,
each batch in its own transaction, so a long run holds no lock for long and a crash loses
at most one batch (the next run picks up where it stopped: the rule is a query, not a
list). Every removed ärende gets one row in the audit log: ärendenummer, kategori, the date
it was closed and the rule — never who it was about.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from arenden.models import Arende, Gallringssatt, Handelse, Kategori, Status
from integritet import services
from integritet.models import Logghandelse

# Ids per batch: a few hundred rows of Arende plus their messages and attachments is a
# few MB of memory at most, and one short transaction.
GALLRING_BATCH = 200


@dataclass
class Gallringsresultat:
    anonymiserade: list[str] = field(default_factory=list)
    raderade: list[str] = field(default_factory=list)
    filer: int = 0
    torrkorning: bool = False


def _manader_sedan(nu: datetime, manader: int) -> datetime:
    """Return the moment `manader` calendar months before `nu` (the 31st → the 28th–30th)."""
    ar, manad = divmod(nu.month - 1 - manader, 12)
    ar += nu.year
    manad += 1
    dag = nu.day
    while True:
        try:
            return nu.replace(year=ar, month=manad, day=dag)
        except ValueError:
            dag -= 1


def gallringsbara(*, nu: datetime | None = None) -> QuerySet[Arende]:
    """Return the ärenden whose time is up: closed, not diarieförda, not already gallrade.

    One condition per retention period in use (a handful: the catalogue has few distinct
    periods), each "this kategori, closed before that date".
    """
    nu = nu or timezone.now()
    perioder: dict[int, list[int]] = {}
    for pk, manader in Kategori.objects.filter(
        gallras_efter_manader__isnull=False, diarieford=False
    ).values_list("pk", "gallras_efter_manader"):
        perioder.setdefault(manader, []).append(pk)
    if not perioder:
        return Arende.objects.none()
    villkor = Q()
    for manader, kategorier in perioder.items():
        villkor |= Q(kategori_id__in=kategorier, avslutad__lte=_manader_sedan(nu, manader))
    # Gallrat since it was last closed. An anonymised ärende that a late reply reopened
    # and that was closed again is due again, with the new message on it.
    redan = Handelse.objects.filter(
        arende_id=OuterRef("pk"), typ=Handelse.Typ.GALLRAT, tid__gte=OuterRef("avslutad")
    )
    return services.ej_diarieforda(Arende.objects.filter(villkor, status=Status.AVSLUTAD)).exclude(
        Exists(redan)
    )


def gallra(*, torrkorning: bool = False, nu: datetime | None = None) -> Gallringsresultat:
    """Apply every kategori's retention rule; with `torrkorning` only say what would go."""
    resultat = Gallringsresultat(torrkorning=torrkorning)
    qs = gallringsbara(nu=nu).select_related("kategori").order_by("pk")
    if torrkorning:
        for arende in qs.only("nummer", "kategori__gallringssatt"):
            lista = (
                resultat.raderade
                if arende.kategori.gallringssatt == Gallringssatt.RADERA
                else resultat.anonymiserade
            )
            lista.append(arende.nummer)
        return resultat
    senaste = 0
    while True:
        batch = list(
            qs.filter(pk__gt=senaste).values(
                "pk",
                "nummer",
                "avslutad",
                "kategori__namn",
                "kategori__gallringssatt",
                "kategori__gallras_efter_manader",
            )[:GALLRING_BATCH]
        )
        if not batch:
            return resultat
        senaste = batch[-1]["pk"]
        for satt in Gallringssatt.values:
            rader = [r for r in batch if r["kategori__gallringssatt"] == satt]
            if rader:
                _gallra_batch(rader, satt=satt, resultat=resultat)


def _gallra_batch(rader: list[dict], *, satt: str, resultat: Gallringsresultat) -> None:
    with transaction.atomic():
        gjort = services.arenden_ta_bort_personuppgifter(
            arende_ids=[r["pk"] for r in rader], satt=satt
        )
        klara = set(gjort.anonymiserade) | set(gjort.raderade)
        Logghandelse.objects.bulk_create(
            Logghandelse(
                typ=Logghandelse.Typ.GALLRING,
                arende_nummer=r["nummer"],
                orsak="Gallring enligt kategorins regel",
                data={
                    "kategori": r["kategori__namn"],
                    "avslutad": timezone.localdate(r["avslutad"]).isoformat(),
                    "regel": {
                        "gallras_efter_manader": r["kategori__gallras_efter_manader"],
                        "satt": satt,
                    },
                },
            )
            for r in rader
            if r["nummer"] in klara
        )
    resultat.anonymiserade += gjort.anonymiserade
    resultat.raderade += gjort.raderade
    resultat.filer += gjort.filer
