"""Measure the work queue: GET /api/v1/arenden/ and the UI page / with their filters.

    DEBUG=true .venv/bin/python bench/arendelista.py [--seed-till N] [--upprepningar R]

Point DATABASE_URL at the database to measure (postgres:///kontaktcenter_bench holds a
million ärenden from `seed_demo --arenden 1000000`). DEBUG=true is needed only for the
development SECRET_KEY; the client sends Host 127.0.0.1, which ALLOWED_HOSTS has in DEBUG,
so no setting changes. Each case runs three times to warm up, then R times; the table gives
wall time per request (p50, p95, max, in ms) and the SQL queries each request made. The
query count of a list must not depend on the page size. EXPLAIN ANALYZE of the main list
query follows for the unfiltered list and for every case slower than --langsam ms.
"""

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
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

from arenden.demodata.katalog import HANDLAGGARENS_FORVALTNING  # noqa: E402
from arenden.models import Arende, Forvaltning  # noqa: E402

UPPVARMNING = 3
API = "/api/v1/arenden/"
UI = "/"


@dataclass
class Resultat:
    namn: str
    anvandare: str
    url: str
    http: set[int] = field(default_factory=set)
    tider_ms: list[float] = field(default_factory=list)
    fragor: set[int] = field(default_factory=set)
    rader: int | None = None
    fel: str = ""
    langsammaste_sql: str = ""


def _percentil(varden: list[float], andel: float) -> float:
    """Return the nearest-rank percentile."""
    ordnade = sorted(varden)
    return ordnade[max(0, min(len(ordnade) - 1, round(andel * len(ordnade) + 0.5) - 1))]


def _klient(anvandarnamn: str) -> Client:
    klient = Client(SERVER_NAME="127.0.0.1", HTTP_HOST="127.0.0.1")
    klient.force_login(get_user_model().objects.get(username=anvandarnamn))
    return klient


def _listfraga(fangade: CaptureQueriesContext) -> str:
    """Return the query that read the ärenden (the slowest one that reads arenden_arende)."""
    kandidater = [q for q in fangade.captured_queries if 'FROM "arenden_arende"' in q["sql"]]
    if not kandidater:
        return ""
    return max(kandidater, key=lambda q: float(q["time"]))["sql"]


def mat(namn: str, anvandarnamn: str, url: str, upprepningar: int) -> Resultat:
    """Request the URL R times after a warm-up and record time, status and query count."""
    resultat = Resultat(namn, anvandarnamn, url)
    klient = _klient(anvandarnamn)
    for varv in range(UPPVARMNING + upprepningar):
        with CaptureQueriesContext(connection) as fangade:
            start = time.perf_counter()
            try:
                svar = klient.get(url)
            except Exception as fel:  # a view that does not exist yet, or breaks
                resultat.fel = f"{type(fel).__name__}: {str(fel).splitlines()[0][:80]}"
                return resultat
            tid = (time.perf_counter() - start) * 1000
        if varv < UPPVARMNING:
            continue
        resultat.http.add(svar.status_code)
        resultat.tider_ms.append(tid)
        resultat.fragor.add(len(fangade.captured_queries))
        resultat.langsammaste_sql = _listfraga(fangade)
        if svar.status_code == 200 and svar.get("Content-Type", "").startswith("application/json"):
            resultat.rader = len(svar.json().get("results", []))
    return resultat


def djup_markor(anvandarnamn: str, steg: int) -> str:
    """Follow `next` from the first page `steg` times and return that page's URL."""
    klient = _klient(anvandarnamn)
    url = API
    for _ in range(steg):
        svar = klient.get(url)
        if svar.status_code != 200 or not svar.json().get("next"):
            break
        url = svar.json()["next"].replace("http://127.0.0.1", "")
    return url


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(rad[0] for rad in cursor.fetchall())


def tabell(resultat: list[Resultat]) -> None:
    rubriker = ("fall", "användare", "http", "p50 ms", "p95 ms", "max ms", "frågor", "rader")
    rader = []
    for r in resultat:
        if r.fel:
            rader.append((r.namn, r.anvandare, "fel", r.fel, "", "", "", ""))
            continue
        rader.append(
            (
                r.namn,
                r.anvandare,
                ",".join(str(s) for s in sorted(r.http)),
                f"{_percentil(r.tider_ms, 0.5):.1f}",
                f"{_percentil(r.tider_ms, 0.95):.1f}",
                f"{max(r.tider_ms):.1f}",
                "/".join(str(f) for f in sorted(r.fragor)),
                "" if r.rader is None else str(r.rader),
            )
        )
    bredd = [max(len(str(x)) for x in kolumn) for kolumn in zip(rubriker, *rader, strict=False)]
    for rad in (rubriker, tuple("-" * b for b in bredd), *rader):
        print("  ".join(str(x).ljust(b) for x, b in zip(rad, bredd, strict=False)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-till", type=int, default=None, help="Kör seed_demo upp till N.")
    parser.add_argument("--upprepningar", type=int, default=30)
    parser.add_argument("--sok", default="gatlampan", help="Ett ord ur rubrikerna för ?q=.")
    parser.add_argument("--langsam", type=float, default=100.0, help="EXPLAIN över p50 ms.")
    args = parser.parse_args()

    if args.seed_till:
        call_command("seed_demo", arenden=args.seed_till)
    antal = Arende.objects.count()
    print(f"Databas {connection.settings_dict['NAME']}: {antal:,} ärenden.\n")

    sbf = Forvaltning.objects.get(namn=HANDLAGGARENS_FORVALTNING).pk
    filter_ = {
        "ofiltrerad": "",
        "status ny+pagaende": "?status=ny&status=pagaende",
        "kanal epost, rosa 1": "?kanal=epost&rosa=1",
        f"q={args.sok}": f"?q={args.sok}",
        "q=efternamn": "?q=Lindqvist",
        f"forvaltning={sbf}": f"?forvaltning={sbf}",
    }
    fall: list[tuple[str, str, str]] = []
    for anvandare in ("vagledare", "handlaggare"):
        for namn, fraga in filter_.items():
            fall.append((f"api {namn}", anvandare, API + fraga))
    for antal_per_sida in (10, 50, 200):
        fall.append((f"api antal={antal_per_sida}", "vagledare", f"{API}?antal={antal_per_sida}"))
    fall.append(("api sida 21 (markör)", "vagledare", djup_markor("vagledare", 20)))
    for anvandare in ("vagledare", "handlaggare"):
        for namn, fraga in filter_.items():
            fall.append((f"ui {namn}", anvandare, UI + fraga))

    resultat = []
    for namn, anvandare, url in fall:
        resultat.append(mat(namn, anvandare, url, args.upprepningar))
        print(".", end="", flush=True)
    print(f"\n\n{args.upprepningar} upprepningar efter {UPPVARMNING} uppvärmningar:\n")
    tabell(resultat)

    sidstorlekar = [r for r in resultat if r.namn.startswith("api antal=")]
    if len({frozenset(r.fragor) for r in sidstorlekar}) > 1:
        print("\nOBS: antalet frågor beror på sidstorleken (N+1?).")

    for r in resultat:
        ofiltrerad = r.namn == "api ofiltrerad" and r.anvandare == "vagledare"
        langsam = r.tider_ms and _percentil(r.tider_ms, 0.5) > args.langsam
        if r.langsammaste_sql and (ofiltrerad or langsam):
            print(f"\nEXPLAIN ANALYZE — {r.namn} ({r.anvandare}):\n{r.langsammaste_sql}\n")
            print(explain(r.langsammaste_sql))


if __name__ == "__main__":
    main()
