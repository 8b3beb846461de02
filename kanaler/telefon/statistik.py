"""The telefon section of the statistics, registered from `TelefonConfig.ready`.

Counts calls by when they came in (Swedish days, as the rest of the statistics), per kö and
in total, from the summary view `telefon_statistik_dag` (migration 0003: one row per day
and kö, refreshed with the ärende views by Celery beat). A call is answered when the växel
reported it answered, missed when it was reported missed and never answered (the rules of
`selectors.telefoni_per_ko`); solved at first contact when answered and its ärende was
solved by the contact center without escalation (matt.FORSTA_KONTAKT); a callback is made
when its callback ärende is answered or closed. Calls belong to no förvaltning and to kanal
telefon only, so with a förvaltning filter or another kanal the section is None.
"""

from django.db import connection

from arenden.statistik.berakna import Urval

VYER = ("telefon_statistik_dag",)
TAL = (
    "inkommande",
    "besvarade",
    "missade",
    "losta_forsta_kontakt",
    "aterringningar",
    "aterringningar_gjorda",
)
_SQL = f"""
SELECT s.ko, {", ".join(f"sum(s.{t})::int" for t in TAL)}
FROM telefon_statistik_dag s
WHERE s.dag BETWEEN %(fran)s AND %(till)s
GROUP BY s.ko
ORDER BY s.ko
"""


def _andel(taljare: int, namnare: int) -> float | None:
    return round(taljare / namnare, 4) if namnare else None


def _med_andelar(rad: dict) -> dict:
    return {
        **rad,
        "svarsfrekvens": _andel(rad["besvarade"], rad["inkommande"]),
        "andel_losta_forsta_kontakt": _andel(rad["losta_forsta_kontakt"], rad["besvarade"]),
    }


def telefon_statistik(urval: Urval) -> dict | None:
    """Return calls in, answered, missed, answer rate, solved at first contact and callbacks."""
    if urval.forvaltning_id is not None or urval.kanal not in (None, "telefon"):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"fran": urval.fran, "till": urval.till})
        rader = cursor.fetchall()
    per_ko = [_med_andelar({"ko": ko, **dict(zip(TAL, tal, strict=True))}) for ko, *tal in rader]
    totalt = {nyckel: sum(rad[nyckel] for rad in per_ko) for nyckel in TAL}
    return {**_med_andelar(totalt), "per_ko": per_ko}
