"""Compute every measure in PostgreSQL from per-day summary tables; no ärende enters Python.

The summary tables are materialized views (migration 0006) holding counts per Stockholm
day, kanal, förvaltning, kategori and ROSA-nivå (`arenden_statistik_dag`), per day and hour
(`_timme`), per day and medarbetare (`_medarbetare`) and, for e-post, per day and working-time
to first answer in seconds (`_epost`, against the `Arbetsdag` calendar table). Celery beat
refreshes them every few minutes (`sammanstallning_uppdatera`), so a one-year dashboard sums
a few tens of thousands of rows instead of half a million ärenden. Only "försenade nu" reads
the ärenden themselves, through the partial index on open ärenden, because it is about now.
Python only shapes the few hundred aggregated rows into the result.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from arenden.models import Forvaltning, Kanal, Kategori, RosaNiva, Status
from arenden.statistik.kalendertabell import arbetsdag_sakerstall
from arenden.statistik.matt import EN_ARBETSDAG_SEKUNDER

# The summary views, refreshed together.
VYER = (
    "arenden_statistik_dag",
    "arenden_statistik_timme",
    "arenden_statistik_medarbetare",
    "arenden_statistik_epost",
)


@dataclass(frozen=True)
class Urval:
    """What to count: ärenden that came in from `fran` to `till` (inclusive, Stockholm dates)."""

    fran: date
    till: date
    kanal: str | None = None
    forvaltning_id: int | None = None
    # None: every kommun (a superuser without a Medarbetare row).
    kommun_id: int | None = None

    @property
    def dagar(self) -> int:
        return (self.till - self.fran).days + 1

    def foregaende(self) -> "Urval":
        """Return the period to compare with: the months before, if whole months, else the
        period of the same length that ends the day before this one starts."""
        efter = self.till + timedelta(days=1)
        if self.fran.day == 1 and efter.day == 1:
            manader = (efter.year - self.fran.year) * 12 + efter.month - self.fran.month
            ar, manad = divmod(self.fran.year * 12 + self.fran.month - 1 - manader, 12)
            return replace(self, fran=date(ar, manad + 1, 1), till=self.fran - timedelta(days=1))
        return replace(
            self, fran=self.fran - timedelta(days=self.dagar), till=self.fran - timedelta(days=1)
        )


# Sections other apps add without arenden importing them (telefon, kunskapsbank,
# servicemätning): name -> function(urval) -> dict. Registered from their AppConfig.ready().
_AVSNITT: dict[str, Callable[[Urval], dict | None]] = {}
# Their summary views (materialized, with a unique index), refreshed with ours.
_AVSNITT_VYER: dict[str, tuple[str, ...]] = {}
TILLAGGSAVSNITT = ("telefon", "besok", "kunskapsbank", "servicematning")


def avsnitt_registrera(
    *, namn: str, berakna: Callable[[Urval], dict | None], vyer: tuple[str, ...] = ()
) -> None:
    """Let another app add its section (e.g. `telefon`) to the statistics under `namn`.

    `vyer` names the app's materialized summary views; `sammanstallning_uppdatera` refreshes
    them with the ärende views.
    """
    if namn not in TILLAGGSAVSNITT:
        raise ValueError(f"okänt avsnitt {namn!r}; lägg till det i TILLAGGSAVSNITT")
    _AVSNITT[namn] = berakna
    _AVSNITT_VYER[namn] = vyer


def urval_villkor(urval: Urval, *, kanal: bool = True, tabell: str = "s") -> tuple[str, dict]:
    """Return the WHERE clause and parameters for a summary view with the columns `dag`,
    `kommun_id`, `kanal` and `forvaltning_id` (0 for none), for the sections' own views."""
    return _villkor(urval, kanal=kanal, tabell=tabell)


def sammanstallning_uppdatera() -> None:
    """Refresh the summary views from the ärenden; readers keep seeing the old rows meanwhile."""
    # The e-post view joins the calendar table; it must reach past every answer.
    arbetsdag_sakerstall(till=date.today() + timedelta(days=400))
    vyer = [*VYER, *(vy for tillagg in _AVSNITT_VYER.values() for vy in tillagg)]
    with transaction.atomic(), connection.cursor() as cursor:
        for vy in vyer:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {vy}")
    # Fresh planner statistics: without them PostgreSQL guesses a few hundred rows per view.
    with connection.cursor() as cursor:
        for vy in vyer:
            cursor.execute(f"ANALYZE {vy}")


def _villkor(
    urval: Urval, *, kanal: bool = True, period: bool = True, tabell: str = "s"
) -> tuple[str, dict]:
    """Return the WHERE clause on a summary view (or the ärenden, `a`) and its parameters."""
    delar = ["true"]
    params: dict = {}
    if period:
        delar.append(f"{tabell}.dag BETWEEN %(fran)s AND %(till)s")
        params |= {"fran": urval.fran, "till": urval.till}
    if urval.kommun_id is not None:
        delar.append(f"{tabell}.kommun_id = %(kommun)s")
        params["kommun"] = urval.kommun_id
    if urval.kanal and kanal:
        delar.append(f"{tabell}.kanal = %(kanal)s")
        params["kanal"] = urval.kanal
    if urval.forvaltning_id is not None:
        delar.append(f"{tabell}.forvaltning_id = %(forvaltning)s")
        params["forvaltning"] = urval.forvaltning_id
    return " AND ".join(delar), params


def _andel(taljare: int | None, namnare: int | None) -> float | None:
    if not namnare:
        return None
    return round((taljare or 0) / namnare, 4)


def _timmar(sekunder: float | None) -> float | None:
    return None if sekunder is None else round(sekunder / 3600, 2)


def _id(varde: int) -> int | None:
    # The views store a missing förvaltning, kategori or ROSA-nivå as 0.
    return varde or None


# ---------------------------------------------------------------------------------------
# Queries

# Which dimensions each grouping set uses; the GROUPING() bitmask tells the rows apart.
_DIMENSIONER = ("kanal", "forvaltning_id", "kategori_id", "rosa", "dag")
_MANGDER = {
    "totalt": (),
    "kanal": ("kanal",),
    "forvaltning": ("forvaltning_id",),
    "kategori": ("kategori_id",),
    "rosa": ("rosa",),
    "dag": ("dag", "kanal"),
}


def _bitmask(mangd: tuple[str, ...], dimensioner: list[str]) -> int:
    # GROUPING(a, b, …) sets bit i (from the left) when dimension i is NOT grouped on.
    n = len(dimensioner)
    return sum(1 << (n - 1 - i) for i, d in enumerate(dimensioner) if d not in mangd)


# {kolumner}: GROUPING(<the dimensions in use>) AS g, then every dimension (NULL if unused).
_DAG_SQL = """
SELECT {kolumner},
       coalesce(sum(antal), 0)::int AS antal,
       coalesce(sum(avslutade), 0)::int AS avslutade,
       coalesce(sum(losta), 0)::int AS losta,
       coalesce(sum(eskalerade), 0)::int AS eskalerade,
       coalesce(sum(med_svarstid), 0)::int AS med_svarstid,
       coalesce(sum(inom_svarstid), 0)::int AS inom_svarstid
FROM arenden_statistik_dag s
WHERE {villkor}
GROUP BY GROUPING SETS ({mangder})
"""

_TIMME_SQL = """
SELECT EXTRACT(ISODOW FROM s.dag)::int, s.timme, sum(s.antal)::int
FROM arenden_statistik_timme s
WHERE {villkor}
GROUP BY 1, 2
ORDER BY 1, 2
"""

_MEDARBETARE_SQL = """
SELECT s.tilldelad_id, sum(s.antal)::int AS antal, sum(s.avslutade)::int AS avslutade,
       sum(s.losta)::int AS losta
FROM arenden_statistik_medarbetare s
WHERE {villkor}
GROUP BY 1
"""

# The median from the per-minute histogram (the mean stays exact): the mean of the values
# at positions (n+1) div 2 and n div 2 + 1 in sorted order (the same when n is odd).
_EPOST_SQL = """
WITH h AS (
    SELECT s.minuter, sum(s.antal) AS antal, sum(s.inom_en) AS inom_en,
           sum(s.inom_tva) AS inom_tva, sum(s.summa) AS summa
    FROM arenden_statistik_epost s
    WHERE {villkor}
    GROUP BY s.minuter
), k AS (
    SELECT minuter, antal,
           sum(antal) OVER (ORDER BY minuter) AS kum,
           sum(antal) OVER () AS besvarade
    FROM h WHERE minuter >= 0
)
SELECT (SELECT coalesce(sum(antal), 0) FROM h)::int,
       (SELECT coalesce(sum(inom_en), 0) FROM h)::int,
       (SELECT coalesce(sum(inom_tva), 0) FROM h)::int,
       (SELECT coalesce(sum(antal), 0) FROM h WHERE minuter < 0)::int,
       (SELECT sum(summa) / nullif(sum(antal) FILTER (WHERE minuter >= 0), 0) FROM h),
       ((SELECT min(minuter) FROM k WHERE kum >= div(besvarade + 1, 2))
        + (SELECT min(minuter) FROM k WHERE kum >= div(besvarade, 2) + 1)) * 30.0
"""

_FORSENADE_SQL = """
SELECT a.forvaltning_id, count(*)
FROM arenden_arende a
WHERE a.status IN %(oppna)s AND a.svar_senast < now() AND {villkor}
GROUP BY a.forvaltning_id
"""


def _hamta(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rakna(urval: Urval, *, delar: tuple[str, ...] = tuple(_MANGDER)) -> dict[str, list[dict]]:
    villkor, params = _villkor(urval)
    mangder = ", ".join(f"({', '.join(_MANGDER[d])})" for d in delar)
    # GROUPING() may only name dimensions some grouping set uses.
    anvanda = [d for d in _DIMENSIONER if any(d in _MANGDER[x] for x in delar)]
    kolumner = ", ".join(
        [
            f"GROUPING({', '.join(anvanda)}) AS g" if anvanda else "0 AS g",
            *(d if d in anvanda else f"NULL AS {d}" for d in _DIMENSIONER),
        ]
    )
    namn_for_mask = {_bitmask(_MANGDER[namn], anvanda): namn for namn in delar}
    resultat: dict[str, list[dict]] = {namn: [] for namn in _MANGDER}
    with connection.cursor() as cursor:
        sql = _DAG_SQL.format(kolumner=kolumner, villkor=villkor, mangder=mangder)
        cursor.execute(sql, params)
        kolumner = [c[0] for c in cursor.description]
        for rad in cursor.fetchall():
            post = dict(zip(kolumner, rad, strict=True))
            for nyckel in ("forvaltning_id", "kategori_id", "rosa"):
                post[nyckel] = _id(post[nyckel]) if post[nyckel] is not None else None
            resultat[namn_for_mask[post.pop("g")]].append(post)
    return resultat


def _veckodag_timme(urval: Urval) -> list[dict]:
    villkor, params = _villkor(urval)
    return [
        {"veckodag": dow, "timme": timme, "antal": antal}
        for dow, timme, antal in _hamta(_TIMME_SQL.format(villkor=villkor), params)
    ]


def _epost(urval: Urval) -> dict:
    villkor, params = _villkor(urval, kanal=False)
    if urval.kanal and urval.kanal != Kanal.EPOST:
        villkor += " AND false"
    [(antal, inom_en, inom_tva, obesvarade, medel, median)] = _hamta(
        _EPOST_SQL.format(villkor=villkor), params
    )
    assert EN_ARBETSDAG_SEKUNDER == 86_400  # the view's thresholds (migration 0006)
    return {
        "antal": antal,
        "inom_en_arbetsdag": inom_en,
        "inom_tva_arbetsdagar": inom_tva,
        "obesvarade": obesvarade,
        "andel_inom_en_arbetsdag": _andel(inom_en, antal),
        "andel_inom_tva_arbetsdagar": _andel(inom_tva, antal),
        "andel_obesvarade": _andel(obesvarade, antal),
        "medel_timmar": _timmar(float(medel) if medel is not None else None),
        "median_timmar": _timmar(float(median) if median is not None else None),
    }


def _forsenade(urval: Urval, forvaltningar: dict[int, str]) -> dict:
    # Overdue is about now: read the open ärenden (partial index), not the period's views.
    villkor, params = _villkor(urval, period=False, tabell="a")
    params["oppna"] = tuple(Status.oppna())
    rader = _hamta(_FORSENADE_SQL.format(villkor=villkor), params)
    per = sorted(
        (
            {"forvaltning_id": fid, "forvaltning": forvaltningar.get(fid, ""), "antal": antal}
            for fid, antal in rader
        ),
        key=lambda r: (-r["antal"], r["forvaltning"]),
    )
    return {"totalt": sum(r["antal"] for r in per), "per_forvaltning": per}


# ---------------------------------------------------------------------------------------
# Shaping


def _forsta_kontakt(rad: dict) -> dict:
    return {
        "avslutade": rad["avslutade"],
        "losta": rad["losta"],
        "andel": _andel(rad["losta"], rad["avslutade"]),
    }


def _vecka(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def _tidsserier(dagrader: list[dict], urval: Urval) -> dict[str, list[dict]]:
    """Roll the (day, kanal) counts up to day, week and month series with every day present."""
    per_dag: dict[date, dict[str, int]] = defaultdict(dict)
    for rad in dagrader:
        per_dag[rad["dag"]][rad["kanal"]] = rad["antal"]
    serier: dict[str, dict[date, dict[str, int]]] = {"dag": {}, "vecka": {}, "manad": {}}
    dag = urval.fran
    while dag <= urval.till:
        for namn, nyckel in (
            ("dag", dag),
            ("vecka", _vecka(dag)),
            ("manad", dag.replace(day=1)),
        ):
            summa = serier[namn].setdefault(nyckel, {k: 0 for k in Kanal.values})
            for kanal, antal in per_dag.get(dag, {}).items():
                summa[kanal] += antal
        dag += timedelta(days=1)
    return {
        f"per_{namn}": [
            {"period": nyckel.isoformat(), "antal": sum(kanaler.values()), "per_kanal": kanaler}
            for nyckel, kanaler in sorted(serie.items())
        ]
        for namn, serie in serier.items()
    }


def statistik_berakna(*, urval: Urval, per_person: bool, endast_nyckeltal: bool = False) -> dict:
    """Return every measure for the selection as plain JSON-ready data with stable keys.

    `per_person` adds the per-medarbetare table (only teamledare may ask for it).
    `endast_nyckeltal` fills only the headline figures (the dashboard's comparison with the
    previous period); the series and tables stay empty and the added sections None.
    """
    forvaltningar = dict(Forvaltning.objects.values_list("id", "namn"))
    kategorier = dict(Kategori.objects.values_list("id", "namn"))
    r = _rakna(urval, delar=("totalt", "rosa") if endast_nyckeltal else tuple(_MANGDER))
    totalt = r["totalt"][0] if r["totalt"] else None
    antal = totalt["antal"] if totalt else 0
    tom = {"antal": 0, "avslutade": 0, "losta": 0, "eskalerade": 0}

    per_kanal = {rad["kanal"]: rad for rad in r["kanal"]}
    per_rosa = {rad["rosa"]: rad for rad in r["rosa"]}
    med_niva = sum(rad["antal"] for niva, rad in per_rosa.items() if niva is not None)
    niva_1_4 = [per_rosa[n] for n in RosaNiva.kontaktcenter() if n in per_rosa]
    antal_1_4 = sum(rad["antal"] for rad in niva_1_4)
    eskalerade_1_4 = sum(rad["eskalerade"] for rad in niva_1_4)

    forv_rader = sorted(r["forvaltning"], key=lambda x: -x["antal"])
    med_forvaltning = sum(x["antal"] for x in forv_rader if x["forvaltning_id"] is not None)
    per_forvaltning = [
        {
            "forvaltning_id": x["forvaltning_id"],
            "forvaltning": forvaltningar.get(x["forvaltning_id"], ""),
            "antal": x["antal"],
            "andel": _andel(x["antal"], med_forvaltning),
        }
        for x in forv_rader
        if x["forvaltning_id"] is not None
    ]

    resultat = {
        "period": {"fran": urval.fran.isoformat(), "till": urval.till.isoformat()},
        "filter": {"kanal": urval.kanal, "forvaltning": urval.forvaltning_id},
        "antal": antal,
        "epost": _epost(urval),
        "forsta_kontakt": {
            **_forsta_kontakt(totalt or tom),
            "per_kanal": [
                {"kanal": k, **_forsta_kontakt(per_kanal.get(k, tom))} for k in Kanal.values
            ],
        },
        "rosa": {
            "med_niva": med_niva,
            "utan_niva": per_rosa[None]["antal"] if None in per_rosa else 0,
            "per_niva": [
                {
                    "niva": n,
                    "antal": per_rosa[n]["antal"] if n in per_rosa else 0,
                    "andel": _andel(per_rosa[n]["antal"] if n in per_rosa else 0, med_niva),
                }
                for n in RosaNiva.values
            ],
            "niva_1_4": antal_1_4,
            "niva_1_4_eskalerade": eskalerade_1_4,
            "andel_1_4_eskalerade": _andel(eskalerade_1_4, antal_1_4),
        },
        "sla": {
            "med_svarstid": totalt["med_svarstid"] if totalt else 0,
            "inom_svarstid": totalt["inom_svarstid"] if totalt else 0,
            "andel_inom_svarstid": _andel(
                totalt["inom_svarstid"] if totalt else 0, totalt["med_svarstid"] if totalt else 0
            ),
            "forsenade_nu": _forsenade(urval, forvaltningar),
        },
        "volym": {
            "per_kanal": [
                {
                    "kanal": k,
                    "antal": per_kanal[k]["antal"] if k in per_kanal else 0,
                    "andel": _andel(per_kanal[k]["antal"] if k in per_kanal else 0, antal),
                }
                for k in Kanal.values
            ],
            "per_kategori": [
                {
                    "kategori_id": x["kategori_id"],
                    "kategori": kategorier.get(x["kategori_id"], ""),
                    "antal": x["antal"],
                    "andel": _andel(x["antal"], antal),
                }
                for x in sorted(r["kategori"], key=lambda x: -x["antal"])
            ],
            "per_rosa": [
                {"niva": n, "antal": per_rosa[n]["antal"] if n in per_rosa else 0}
                for n in [*RosaNiva.values, None]
            ],
            **_tidsserier(r["dag"], urval),
            "veckodag_timme": [] if endast_nyckeltal else _veckodag_timme(urval),
        },
        "per_forvaltning": {
            "med_forvaltning": med_forvaltning,
            "utan_forvaltning": antal - med_forvaltning,
            "forvaltningar": per_forvaltning,
        },
        "per_medarbetare": _per_medarbetare(urval) if per_person and not endast_nyckeltal else None,
    }
    for namn in TILLAGGSAVSNITT:
        berakna = _AVSNITT.get(namn)
        resultat[namn] = berakna(urval) if berakna and not endast_nyckeltal else None
    if resultat["kunskapsbank"] is not None:
        # The section counts ärenden with an article; the selection's size is known here.
        kb = resultat["kunskapsbank"]
        kb["andel_med_artikel"] = _andel(kb["arenden_med_artikel"], antal)
    return resultat


def _per_medarbetare(urval: Urval) -> list[dict]:
    villkor, params = _villkor(urval)
    rader = [
        {"tilldelad_id": tid, "antal": antal, "avslutade": avslutade, "losta": losta}
        for tid, antal, avslutade, losta in _hamta(_MEDARBETARE_SQL.format(villkor=villkor), params)
    ]
    User = get_user_model()
    ids = [x["tilldelad_id"] for x in rader if x["tilldelad_id"] is not None]
    namn = {
        u.pk: (u.get_full_name() or u.get_username())
        for u in User.objects.filter(pk__in=ids).only("first_name", "last_name", "username")
    }
    return sorted(
        (
            {
                "anvandare_id": x["tilldelad_id"],
                "namn": namn.get(x["tilldelad_id"], ""),
                "antal": x["antal"],
                **_forsta_kontakt(x),
            }
            for x in rader
            if x["tilldelad_id"] is not None
        ),
        key=lambda x: (-x["antal"], x["namn"]),
    )
