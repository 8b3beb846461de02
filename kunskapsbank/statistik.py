"""The kunskapsbank section of the statistics, registered from `KunskapsbankConfig.ready`.

Articles count on the period's ärenden (the same selection as the other measures: came in
during the period, kanal, förvaltning, kommun, merged ärenden left out), from the summary
views of migration 0002 (refreshed with the ärende views by Celery beat). The searches
count on when they were made, whatever the filters, since a search belongs to no ärende:
one grouped scan of the period's searches through the index on their time.
`andel_med_artikel` is filled in by `arenden.statistik.berakna`, which knows the number of
ärenden in the selection.
"""

from datetime import datetime, time, timedelta

from django.db import connection

from arenden.kalender import TIDSZON
from arenden.statistik.berakna import Urval, urval_villkor
from kunskapsbank.models import Kunskapsartikel

VYER = ("kunskapsbank_statistik_arende", "kunskapsbank_statistik_artikel")
MEST_ANVANDA = 10
LUCKOR = 20

_ARENDEN_SQL = """
SELECT coalesce(sum(s.arenden), 0)::int, coalesce(sum(s.forsta_kontakt), 0)::int
FROM kunskapsbank_statistik_arende s WHERE {villkor}
"""
_ARTIKLAR_SQL = """
SELECT s.artikel_id, sum(s.antal)::int AS antal
FROM kunskapsbank_statistik_artikel s WHERE {villkor}
GROUP BY s.artikel_id ORDER BY antal DESC, s.artikel_id LIMIT %(grans)s
"""
# Per text: the searches that are a gap (no hits, or hits never used), those without hits
# and those whose hits were never used; plus every search, for the totals.
_SOK_SQL = """
SELECT s.text,
       count(*) AS alla,
       count(*) FILTER (WHERE s.antal_traffar = 0 OR NOT s.anvand) AS antal,
       count(*) FILTER (WHERE s.antal_traffar = 0) AS utan_traff,
       count(*) FILTER (WHERE s.antal_traffar > 0 AND NOT s.anvand) AS aldrig_anvand
FROM kunskapsbank_sokning s
WHERE s.tid >= %(fran)s AND s.tid < %(till)s
  -- One kommun's statistics: its staff's searches and the public's (who belong to none).
  AND (%(kommun)s::int IS NULL OR s.anvandare_id IS NULL OR s.anvandare_id IN (
      SELECT m.anvandare_id FROM arenden_medarbetare m WHERE m.kommun_id = %(kommun)s))
GROUP BY s.text
"""


def _hamta(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kunskapsbank_statistik(urval: Urval) -> dict:
    """Return ärenden answered with an article, the most used articles and kunskapsluckor."""
    villkor, params = urval_villkor(urval)
    [(arenden, forsta_kontakt)] = _hamta(_ARENDEN_SQL.format(villkor=villkor), params)
    mest = _hamta(_ARTIKLAR_SQL.format(villkor=villkor), params | {"grans": MEST_ANVANDA})
    fragor = dict(
        Kunskapsartikel.objects.filter(pk__in=[a for a, _n in mest]).values_list("id", "fraga")
    )
    fran = datetime.combine(urval.fran, time(0), tzinfo=TIDSZON)
    till = datetime.combine(urval.till + timedelta(days=1), time(0), tzinfo=TIDSZON)
    sok = _hamta(_SOK_SQL, {"fran": fran, "till": till, "kommun": urval.kommun_id})
    luckor = sorted((r for r in sok if r[2]), key=lambda r: (-r[3], -r[2], r[0]))[:LUCKOR]
    return {
        "arenden_med_artikel": arenden,
        "andel_med_artikel": None,
        "forsta_kontakt_med_artikel": forsta_kontakt,
        "mest_anvanda": [
            {"artikel_id": a, "fraga": fragor.get(a, ""), "antal": n} for a, n in mest
        ],
        "sokningar": sum(r[1] for r in sok),
        "sokningar_utan_traff": sum(r[3] for r in sok),
        "sokningar_aldrig_anvanda": sum(r[4] for r in sok),
        "luckor": [
            {"text": t, "antal": n, "utan_traff": u, "aldrig_anvand": a}
            for t, _alla, n, u, a in luckor
        ],
    }
