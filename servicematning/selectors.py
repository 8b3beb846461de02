"""SKR's servicemätning per kanal for the statistics section `servicematning`.

A grade g (1–5) scores (g − 1) × 25, so 5→100, 4→75, 3→50, 2→25, 1→0; a measure's index is
the mean score of its answers, (sum / count − 1) × 25. Answers count by when the citizen
answered (Swedish days), on the answered ärende's kanal, förvaltning and kommun, from the
summary view `servicematning_statistik_dag` (migration 0002, refreshed by Celery beat).
"""

from django.db import connection

from arenden.models import Kanal
from arenden.statistik.berakna import Urval, urval_villkor
from servicematning.models import Matt

VYER = ("servicematning_statistik_dag",)
_KOLUMNER = ("enkater", *(f"{m}_{d}" for m in Matt.values for d in ("summa", "antal")))
_SQL = f"""
SELECT s.kanal, {", ".join(f"sum(s.{k})::int" for k in _KOLUMNER)}
FROM servicematning_statistik_dag s
WHERE {{villkor}}
GROUP BY s.kanal
"""


def _index(summa: int, antal: int) -> float | None:
    return round((summa / antal - 1) * 25, 1) if antal else None


def _avsnitt(rad: dict) -> dict:
    return {
        "antal_svar": rad["enkater"],
        **{f"{m}_index": _index(rad[f"{m}_summa"], rad[f"{m}_antal"]) for m in Matt.values},
        **{f"{m}_antal": rad[f"{m}_antal"] for m in Matt.values},
    }


def servicematning_statistik(urval: Urval) -> dict:
    """Return the enkelhet, tydlighet and bemötande indexes and response counts, per kanal."""
    villkor, params = urval_villkor(urval)
    with connection.cursor() as cursor:
        cursor.execute(_SQL.format(villkor=villkor), params)
        per_kanal = {
            kanal: dict(zip(_KOLUMNER, tal, strict=True)) for kanal, *tal in cursor.fetchall()
        }
    noll = dict.fromkeys(_KOLUMNER, 0)
    totalt = {k: sum(rad[k] for rad in per_kanal.values()) for k in _KOLUMNER}
    return {
        **_avsnitt(totalt),
        "per_kanal": [
            {"kanal": kanal, **_avsnitt(per_kanal.get(kanal, noll))} for kanal in Kanal.values
        ],
    }
