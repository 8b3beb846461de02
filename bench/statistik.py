"""Measure the statistics: the dashboard /statistik/ and GET /api/v1/statistik/ for one year.

    DEBUG=true DATABASE_URL=postgres:///kc_stat_bench .venv/bin/python bench/statistik.py \
        [--seed-till 1000000] [--upprepningar R]

Prepare the database once (about three minutes):

    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py skapa_databas
    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py migrate
    DATABASE_URL=postgres:///kc_stat_bench DEBUG=true .venv/bin/python manage.py seed_demo \
        --arenden 1000000 --dagar 730

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
    args = parser.parse_args()

    if args.seed_till:
        call_command("seed_demo", arenden=args.seed_till, dagar=730)
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
