"""Measure the statistics: the dashboard /statistik/ and GET /api/v1/statistik/ for one year.

    DEBUG=true DATABASE_URL=postgres:///kc_stat_bench .venv/bin/python bench/statistik.py \
        [--seed-till 1000000] [--upprepningar R]

Prepare the database once (about three minutes):

    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py skapa_databas
    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py migrate
    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py seed_demo \
        --arenden 1000000 --dagar 730

`--seed-tillagg` adds, once, what the telefon, kunskapsbank and servicemätning sections
count: a call per telefon ärende (answered, linked) plus a missed call with a callback
ärende for every tenth, a use of one of 200 articles for every ärende answered with an
article, 300,000 searches, and a survey answered for every twentieth closed ärende.

The script refreshes the summary views first (what Celery beat does every five minutes) and
reports how long that took, then requests each case three times to warm up and R times to
measure. The dashboard computes the period and the previous one; the goal is p95 < 500 ms.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from arenden.models import Arende, Forvaltning  # noqa: E402
from arenden.statistik.berakna import sammanstallning_uppdatera  # noqa: E402

UPPVARMNING = 3

# The added sections' rows, in SQL from the ärenden (a few seconds for a million ärenden).
TILLAGG_SQL = [
    """INSERT INTO telefon_samtal (samtals_id, nummer, ko, agent, inkom, besvarat, missat,
           kopplat_till, arende_id, skapad)
       SELECT 'bench-a-' || a.id, '',
              (ARRAY['Växel', 'Bygglov', 'Skola', 'Socialtjänst'])[1 + a.id % 4], '',
              a.inkom - interval '40 seconds', a.inkom, NULL, '', a.id, now()
       FROM arenden_arende a WHERE a.kanal = 'telefon'""",
    """INSERT INTO telefon_samtal (samtals_id, nummer, ko, agent, inkom, besvarat, missat,
           kopplat_till, aterringning_id, skapad)
       SELECT 'bench-r-' || a.id, '0701234567', 'Växel', '', a.inkom - interval '3 minutes',
              NULL, a.inkom - interval '2 minutes', '', a.id, now()
       FROM arenden_arende a WHERE a.kanal = 'telefon' AND a.id % 10 = 0""",
    """INSERT INTO kunskapsbank_anvandning (artikel_id, arende_id, tid, forsta_kontakt)
       SELECT k.ids[1 + a.id % array_length(k.ids, 1)], a.id, a.inkom, a.id % 3 > 0
       FROM arenden_arende a,
            (SELECT array_agg(id ORDER BY id) AS ids FROM kunskapsbank_kunskapsartikel) k
       WHERE a.utfall = 'besvarat_med_kunskapsartikel'""",
    """INSERT INTO kunskapsbank_sokning (text, antal_traffar, roll, tid, anvand)
       SELECT 'sökord ' || (g % 500), CASE WHEN g % 7 = 0 THEN 0 ELSE 1 + g % 5 END, '',
              now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second',
              g % 3 = 0
       FROM generate_series(1, 300000) g""",
    """INSERT INTO servicematning_enkat (arende_id, token, skapad, besvarad)
       SELECT a.id, md5(a.id::text), a.inkom, a.inkom + interval '2 days'
       FROM arenden_arende a WHERE a.status = 'avslutad' AND a.id % 20 = 0""",
    """INSERT INTO servicematning_svar (enkat_id, matt, betyg, tid)
       SELECT e.id, m.matt, 1 + (e.id * m.k) % 5, e.besvarad
       FROM servicematning_enkat e,
            (VALUES ('enkelhet', 3), ('tydlighet', 7), ('bemotande', 11)) m(matt, k)""",
]


def tillagg_seed() -> None:
    """Seed the calls, article uses, searches and survey answers once (see the docstring)."""
    from kanaler.telefon.models import Samtal
    from kunskapsbank.models import Kunskapsartikel

    if Samtal.objects.exists():
        return
    forvaltning = Forvaltning.objects.order_by("pk").first()
    Kunskapsartikel.objects.bulk_create(
        Kunskapsartikel(fraga=f"Benchfråga {i}", svar="Svar.", forvaltning=forvaltning)
        for i in range(200)
    )
    with connection.cursor() as cursor:
        for sql in TILLAGG_SQL:
            cursor.execute(sql)
        cursor.execute("ANALYZE")


def _percentil(varden: list[float], andel: float) -> float:
    """Return the nearest-rank percentile."""
    ordnade = sorted(varden)
    return ordnade[max(0, min(len(ordnade) - 1, round(andel * len(ordnade) + 0.5) - 1))]


def mat(klient: Client, url: str, upprepningar: int) -> tuple[set[int], list[float], set[int]]:
    status, tider, fragor = set(), [], set()
    for varv in range(UPPVARMNING + upprepningar):
        with CaptureQueriesContext(connection) as fangade:
            start = time.perf_counter()
            svar = klient.get(url)
            tid = (time.perf_counter() - start) * 1000
        if varv >= UPPVARMNING:
            status.add(svar.status_code)
            tider.append(tid)
            fragor.add(len(fangade.captured_queries))
    return status, tider, fragor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-till", type=int, default=None, help="Kör seed_demo upp till N.")
    parser.add_argument("--upprepningar", type=int, default=20)
    parser.add_argument("--seed-tillagg", action="store_true", help="Samtal, artiklar, enkäter.")
    args = parser.parse_args()

    if args.seed_till:
        call_command("seed_demo", arenden=args.seed_till, dagar=730)
    if args.seed_tillagg:
        start = time.perf_counter()
        tillagg_seed()
        print(f"Tilläggsdata: {time.perf_counter() - start:.1f} s")
    print(f"Databas {connection.settings_dict['NAME']}: {Arende.objects.count():,} ärenden.")
    start = time.perf_counter()
    sammanstallning_uppdatera()
    print(f"Uppdatering av sammanställningarna (Celery beat): {time.perf_counter() - start:.1f} s")

    till = timezone.localdate()
    fran = till - timedelta(days=364)
    period = f"fran={fran.isoformat()}&till={till.isoformat()}"
    forvaltning = Forvaltning.objects.order_by("pk").first()
    fall = [
        ("panel ett år", "teamledare", f"/statistik/?{period}"),
        ("panel ett år, htmx", "teamledare", f"/statistik/?{period}&kanal=epost"),
        ("panel i år (förval)", "teamledare", "/statistik/?forval=i_ar"),
        ("api ett år", "teamledare", f"/api/v1/statistik/?{period}"),
        ("api ett år, admin", "admin", f"/api/v1/statistik/?{period}"),
        ("api ett år, epost", "teamledare", f"/api/v1/statistik/?{period}&kanal=epost"),
        (
            "api ett år, förvaltning",
            "teamledare",
            f"/api/v1/statistik/?{period}&forvaltning={forvaltning.pk}",
        ),
        ("xlsx ett år", "teamledare", f"/statistik/export.xlsx?{period}"),
    ]
    print(f"\n{args.upprepningar} upprepningar efter {UPPVARMNING} uppvärmningar:\n")
    rubriker = ("fall", "http", "p50 ms", "p95 ms", "max ms", "frågor")
    rader = []
    for namn, anvandare, url in fall:
        klient = Client(SERVER_NAME="127.0.0.1", HTTP_HOST="127.0.0.1")
        klient.force_login(get_user_model().objects.get(username=anvandare))
        if "htmx" in namn:
            klient.defaults["HTTP_HX_REQUEST"] = "true"
        status, tider, fragor = mat(klient, url, args.upprepningar)
        rader.append(
            (
                namn,
                ",".join(map(str, sorted(status))),
                f"{_percentil(tider, 0.5):.1f}",
                f"{_percentil(tider, 0.95):.1f}",
                f"{max(tider):.1f}",
                "/".join(map(str, sorted(fragor))),
            )
        )
    bredd = [max(len(str(x)) for x in kolumn) for kolumn in zip(rubriker, *rader, strict=False)]
    for rad in (rubriker, tuple("-" * b for b in bredd), *rader):
        print("  ".join(str(x).ljust(b) for x, b in zip(rad, bredd, strict=False)).rstrip())


if __name__ == "__main__":
    main()
