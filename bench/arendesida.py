"""Measure the workspace around the queue: the ärende page with its side panels, the split
screen, the queue's polling, the handläggare's list and the svarsmall picker.

    DEBUG=true .venv/bin/python bench/arendesida.py [--upprepningar R]

Point DATABASE_URL at a database seeded with `seed_demo --arenden 1000000` (see
bench/arendelista.py). Each case runs three times to warm up, then R times; the table
gives wall time per request (p50, p95, max, in ms) and the SQL queries each made. The
slowest query of every case slower than --langsam ms is shown with EXPLAIN ANALYZE.
"""

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from arenden import selectors  # noqa: E402
from arenden.models import Arende, Status  # noqa: E402
from bench.arendelista import UPPVARMNING, _klient, _percentil, explain  # noqa: E402

HX = {"HX-Request": "true"}
PANEL = {**HX, "HX-Target": "arendepanel", "HX-Current-URL": "http://127.0.0.1/"}


@dataclass
class Resultat:
    namn: str
    anvandare: str
    url: str
    http: set[int] = field(default_factory=set)
    tider_ms: list[float] = field(default_factory=list)
    fragor: set[int] = field(default_factory=set)
    langsammaste: tuple[float, str] = (0.0, "")


def mat(namn: str, anvandare: str, url: str, upprepningar: int, headers=None) -> Resultat:
    resultat = Resultat(namn, anvandare, url)
    klient = _klient(anvandare)
    for varv in range(UPPVARMNING + upprepningar):
        with CaptureQueriesContext(connection) as fangade:
            start = time.perf_counter()
            svar = klient.get(url, headers=headers or {})
            tid = (time.perf_counter() - start) * 1000
        if varv < UPPVARMNING:
            continue
        resultat.http.add(svar.status_code)
        resultat.tider_ms.append(tid)
        resultat.fragor.add(len(fangade.captured_queries))
        for q in fangade.captured_queries:
            if float(q["time"]) * 1000 > resultat.langsammaste[0]:
                resultat.langsammaste = (float(q["time"]) * 1000, q["sql"])
    return resultat


def tabell(resultat: list[Resultat]) -> None:
    rubriker = (
        "fall",
        "användare",
        "http",
        "p50 ms",
        "p95 ms",
        "max ms",
        "frågor",
        "sql max ms",
    )
    rader = [
        (
            r.namn,
            r.anvandare,
            ",".join(str(s) for s in sorted(r.http)),
            f"{_percentil(r.tider_ms, 0.5):.1f}",
            f"{_percentil(r.tider_ms, 0.95):.1f}",
            f"{max(r.tider_ms):.1f}",
            "/".join(str(f) for f in sorted(r.fragor)),
            f"{r.langsammaste[0]:.1f}",
        )
        for r in resultat
    ]
    bredd = [max(len(str(x)) for x in kolumn) for kolumn in zip(rubriker, *rader, strict=False)]
    for rad in (rubriker, tuple("-" * b for b in bredd), *rader):
        print("  ".join(str(x).ljust(b) for x, b in zip(rad, bredd, strict=False)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upprepningar", type=int, default=30)
    parser.add_argument("--langsam", type=float, default=50.0, help="EXPLAIN över p50 ms.")
    args = parser.parse_args()
    print(f"Databas {connection.settings_dict['NAME']}: {Arende.objects.count():,} ärenden.\n")

    nyaste = Arende.objects.order_by("-inkom", "-id").first()
    # The contact with the most ärenden: the longest "earlier ärenden" list.
    flitig = (
        Arende.objects.filter(kontakt__isnull=False)
        .values("kontakt_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    flitigs = Arende.objects.filter(kontakt_id=flitig["kontakt_id"]).order_by("-inkom").first()
    oppet = Arende.objects.filter(status=Status.NY).order_by("-inkom").first()
    gammalt = Arende.objects.filter(status=Status.AVSLUTAD).order_by("inkom").first()
    eskalerat = (
        Arende.objects.filter(
            status=Status.ESKALERAD, forvaltning__medarbetare__anvandare__username="handlaggare"
        )
        .order_by("svar_senast")
        .first()
    )
    markor_nu = selectors.kod_for(nyaste)
    # Ten minutes before the newest: the polling finds a handful of rows.
    markor_fore = selectors.kod_for_tid(nyaste.inkom - timedelta(minutes=10))

    fall = [
        ("ärendesida, nyaste", "vagledare", f"/arenden/{nyaste.nummer}/", None),
        ("ärendesida, nytt öppet", "vagledare", f"/arenden/{oppet.nummer}/", None),
        (f"ärendesida, kontakt med {flitig['n']} ärenden", "vagledare",
         f"/arenden/{flitigs.nummer}/", None),
        ("ärendesida, äldsta avslutade", "vagledare", f"/arenden/{gammalt.nummer}/", None),
        ("panel (htmx), nytt öppet", "vagledare", f"/arenden/{oppet.nummer}/", PANEL),
        ("kö + öppet ärende (omladdning)", "vagledare", f"/?oppen={oppet.nummer}", None),
        ("pollning, inget nytt (204)", "vagledare", f"/ko/nya/?efter={markor_nu}", HX),
        ("pollning, senaste 10 min", "vagledare", f"/ko/nya/?efter={markor_fore}", HX),
        ("pollning, filter kanal=epost", "vagledare",
         f"/ko/nya/?kanal=epost&efter={markor_fore}", HX),
        ("handläggarens lista", "handlaggare", "/", None),
        ("handläggarens ärende", "handlaggare", f"/arenden/{eskalerat.nummer}/", None),
        ("svarsmallar för ärendet", "vagledare", f"/arenden/{oppet.nummer}/svarsmallar/", None),
    ]  # fmt: skip
    resultat = []
    for namn, anvandare, url, headers in fall:
        resultat.append(mat(namn, anvandare, url, args.upprepningar, headers))
        print(".", end="", flush=True)
    print(f"\n\n{args.upprepningar} upprepningar efter {UPPVARMNING} uppvärmningar:\n")
    tabell(resultat)
    for r in resultat:
        if r.tider_ms and _percentil(r.tider_ms, 0.5) > args.langsam and r.langsammaste[1]:
            print(f"\nEXPLAIN ANALYZE — {r.namn}:\n{r.langsammaste[1]}\n")
            print(explain(r.langsammaste[1]))


if __name__ == "__main__":
    main()
