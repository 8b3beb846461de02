"""Measure the kunskapsbank search API with 20,000 articles: p50 and p95 per request.

    createdb kc_kunskapsbank_bench   # once
    DATABASE_URL=postgres:///kc_kunskapsbank_bench DEBUG=true \\
        .venv/bin/python bench/kunskapsbank_sok.py [--artiklar 20000] [--upprepningar 3]

The database is migrated and filled on first run: the demo catalogue, the 150+ demo
articles, and generated articles up to --artiklar, each a demo article rewritten for one of
the kommun's orter (different words, same shape), so that the index is as large and as
varied as a real bank. The queries are the 100+ citizen questions of the recall test set
(tests/data/kunskapsbank/fragor.json), sent through Django's test client to
GET /api/v1/kunskapsbank/sok/ as a logged-in kommunvägledare and as the public. Goal: p95
under 30 ms.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from arenden.behorighet import Roll  # noqa: E402
from arenden.demodata.anvandare import katalog_skapa  # noqa: E402
from kunskapsbank import sok  # noqa: E402
from kunskapsbank.demodata.ladda import kunskapsbank_fyll_pa  # noqa: E402
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp  # noqa: E402

ROT = Path(__file__).resolve().parent.parent
FRAGOR = ROT / "tests" / "data" / "kunskapsbank" / "fragor.json"
# Rows per INSERT and per search-vector update; 2,000 articles are about 4 MB in memory.
BATCH = 2_000
ORTER = [
    "Lekeberg",
    "Fjugesta",
    "Mullhyttan",
    "Hidinge",
    "Tångeråsa",
    "Kvistbro",
    "Edsberg",
    "Vretstorp",
    "Laxå",
    "Ramundeboda",
    "Hasselfors",
    "Finnerödja",
    "Svartå",
    "Degerfors",
    "Åtorp",
    "Karlskoga",
    "Nora",
    "Gyttorp",
    "Pershyttan",
    "Ervalla",
    "Lindesberg",
    "Frövi",
    "Fellingsbro",
    "Storå",
    "Guldsmedshyttan",
    "Ramsberg",
    "Kopparberg",
    "Ljusnarsberg",
    "Hällefors",
    "Grythyttan",
    "Askersund",
    "Olshammar",
    "Åmmeberg",
    "Zinkgruvan",
    "Hallsberg",
    "Pålsboda",
    "Sköllersta",
    "Kumla",
    "Hällabrottet",
    "Ekeby",
    "Odensbacken",
    "Glanshammar",
    "Vintrosa",
    "Garphyttan",
    "Latorp",
]
UPPVARMNING = 2


def _fyll(antal: int) -> None:
    katalog_skapa()
    kunskapsbank_fyll_pa()
    finns = Kunskapsartikel.objects.count()
    if finns >= antal:
        print(f"Artiklar: {finns:,} finns redan.")
        return
    slump = random.Random(2026)
    mallar = list(Kunskapsartikel.objects.filter(kalla_arende__isnull=True).order_by("id")[:200])
    nu = timezone.now()
    print(f"Artiklar: {finns:,} finns, skapar {antal - finns:,} …")
    start = time.monotonic()
    i = finns
    while i < antal:
        nya = []
        for _j in range(min(BATCH, antal - i)):
            mall = mallar[i % len(mallar)]
            ort = ORTER[(i // len(mallar)) % len(ORTER)]
            nr = i // (len(mallar) * len(ORTER))
            tillagg = f" Gäller {ort}{f' område {nr}' if nr else ''}."
            nya.append(
                Kunskapsartikel(
                    fraga=f"{mall.fraga.rstrip('?')} i {ort}?",
                    svar=mall.svar + f"<p>{tillagg.strip()}</p>",
                    svar_text=mall.svar_text + tillagg,
                    alternativa_fragor=slump.sample(
                        mall.alternativa_fragor, len(mall.alternativa_fragor)
                    ),
                    forvaltning_id=mall.forvaltning_id,
                    kategori_id=mall.kategori_id,
                    rosa=mall.rosa,
                    malgrupp=slump.choice([Malgrupp.PUBLIK, Malgrupp.PUBLIK, Malgrupp.INTERN]),
                    status=slump.choice([ArtikelStatus.PUBLICERAD] * 8 + [ArtikelStatus.UTKAST]),
                    anvandningar=slump.randint(0, 40),
                    skapad=nu,
                    andrad=nu,
                )
            )
            i += 1
        skapade = Kunskapsartikel.objects.bulk_create(nya)
        sok.sokvektor_uppdatera(artikel_ids=[a.pk for a in skapade])
        print(f"  {i:,}")
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM (ANALYZE) kunskapsbank_kunskapsartikel"
            if not connection.in_atomic_block
            else "ANALYZE kunskapsbank_kunskapsartikel"
        )
        cursor.execute("ANALYZE kunskapsbank_sokord")
    print(f"Klart på {time.monotonic() - start:.0f} s.")


def _percentil(varden: list[float], andel: float) -> float:
    ordnade = sorted(varden)
    return ordnade[max(0, min(len(ordnade) - 1, round(andel * len(ordnade) + 0.5) - 1))]


def _mat(klient: Client, fragor: list[str], upprepningar: int) -> list[float]:
    for fraga in fragor[: UPPVARMNING * 10]:
        klient.get("/api/v1/kunskapsbank/sok/", {"q": fraga}, HTTP_HOST="127.0.0.1")
    tider = []
    for _r in range(upprepningar):
        for fraga in fragor:
            start = time.perf_counter()
            svar = klient.get("/api/v1/kunskapsbank/sok/", {"q": fraga}, HTTP_HOST="127.0.0.1")
            tider.append((time.perf_counter() - start) * 1000)
            if svar.status_code != 200:
                raise SystemExit(f"{fraga!r}: HTTP {svar.status_code} {svar.content[:200]!r}")
    return tider


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artiklar", type=int, default=20_000)
    parser.add_argument("--upprepningar", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    _fyll(args.artiklar)
    User = get_user_model()
    vagledare, _skapad = User.objects.get_or_create(username="bench_kb_vagledare")
    from django.contrib.auth.models import Group

    vagledare.groups.add(Group.objects.get(name=Roll.KOMMUNVAGLEDARE))
    fragor = [f["fraga"] for f in json.loads(FRAGOR.read_text())]
    inloggad = Client()
    inloggad.force_login(vagledare)
    print(
        f"\n{Kunskapsartikel.objects.count():,} artiklar, {len(fragor)} frågor × "
        f"{args.upprepningar} varv"
    )
    print(f"{'vem':<18}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for namn, klient in (("kommunvägledare", inloggad), ("allmänheten", Client())):
        tider = _mat(klient, fragor, args.upprepningar)
        print(
            f"{namn:<18}{len(tider):>6}{_percentil(tider, 0.5):>9.1f}"
            f"{_percentil(tider, 0.95):>9.1f}{max(tider):>9.1f}"
        )


if __name__ == "__main__":
    main()
