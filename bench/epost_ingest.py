"""Measure e-post ingestion end to end: Dovecot → hamta_epost → ärenden.

    .venv/bin/python bench/epost_ingest.py [--antal 5000] [--forsta 1000]

Starts a throw-away Dovecot on loopback (tests/epost/dovecot.py), APPENDs mails of mixed
shape made from the corpus in tests/data/epost (plain, iso-8859-1, windows-1252, HTML only,
attachments, inline images, forwards, broken MIME, auto-replies, bounces; each with its own
Message-ID and sender), then times `hamta_epost --konto` until every mail is stored and
placed. Two rounds: first `--forsta` mails, then `--antal` more, each in a fresh process
state, so the peak RSS of the two can be compared: memory must not grow with the mailbox.
Kvitton are created as in production; their send tasks go to an in-memory broker so
nothing reaches Redis or SMTP. Point DATABASE_URL at a scratch database (default
postgres:///kc_epost_bench; it is created and migrated when missing).
"""

import argparse
import os
import re
import resource
import sys
import time
import uuid
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
os.environ.setdefault("DATABASE_URL", "postgres:///kc_epost_bench")
# Production settings: DEBUG off, so Django does not record every query.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-nyckel-endast-for-matningar-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def _skapa_databas() -> None:
    import psycopg2

    namn = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    anslutning = psycopg2.connect(dbname="postgres")
    anslutning.autocommit = True
    with anslutning.cursor() as c:
        c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [namn])
        if c.fetchone() is None:
            c.execute(f'CREATE DATABASE "{namn}"')
    anslutning.close()


_skapa_databas()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from imapclient import IMAPClient  # noqa: E402

from arenden.models import Arende, Forvaltning, Kommun  # noqa: E402
from kanaler.epost.models import Epostkonto, Inkommet, Utskick  # noqa: E402
from kontaktcenter.celery import app  # noqa: E402
from tests.epost.dovecot import IMAP_LOSEN, starta_dovecot  # noqa: E402

DATA = ROT / "tests" / "data" / "epost"
APPEND_BATCH = 500
KORNING = uuid.uuid4().hex[:8]


def _mallar() -> list[bytes]:
    return [f.read_bytes() for f in sorted(DATA.glob("*.eml"))]


def _unikt(mall: bytes, n: int) -> bytes:
    """Give a corpus mail its own Message-ID and sender, so that each one is a new mail."""
    mid = f"<bench-{n}-{uuid.uuid4().hex[:8]}@example.se>".encode()
    if re.search(rb"(?im)^message-id:", mall):
        ra = re.sub(rb"(?im)^(message-id:)\s*<[^>]*>", rb"\1 " + mid, mall, count=1)
    else:
        ra = b"Message-ID: " + mid + b"\r\n" + mall
    # The run's own token in the sender: a kvitto goes at most once per sender and hour, so
    # addresses reused from an earlier run would get none and make this run look faster.
    return re.sub(rb"anna@example\.se", f"anna{n}.{KORNING}@example.se".encode(), ra)


def _lagg_in(imap: IMAPClient, mallar: list[bytes], start: int, antal: int) -> float:
    borjan = time.perf_counter()
    for forsta in range(start, start + antal, APPEND_BATCH):
        brev = [
            _unikt(mallar[i % len(mallar)], i)
            for i in range(forsta, min(start + antal, forsta + APPEND_BATCH))
        ]
        imap.multiappend("INBOX", brev)
    return time.perf_counter() - borjan


def _runda(konto: Epostkonto, imap, mallar, start: int, antal: int) -> dict:
    append_s = _lagg_in(imap, mallar, start, antal)
    fore = Inkommet.objects.filter(konto=konto).count()
    borjan, cpu = time.perf_counter(), time.process_time()
    call_command("hamta_epost", "--konto", konto.namn)
    sekunder, cpu = time.perf_counter() - borjan, time.process_time() - cpu
    nya = Inkommet.objects.filter(konto=konto).count() - fore
    return {
        "antal": antal,
        "append_s": append_s,
        "sekunder": sekunder,
        "nya": nya,
        "per_s": nya / sekunder,
        "cpu_ms": 1000 * cpu / max(nya, 1),
        "last": os.getloadavg()[0],
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--antal", type=int, default=5000)
    parser.add_argument("--forsta", type=int, default=1000)
    args = parser.parse_args()

    app.conf.broker_url = "memory://"
    call_command("migrate", "--noinput", verbosity=0)
    kommun, _ = Kommun.objects.get_or_create(namn="Benchkommun")
    forvaltning, _ = Forvaltning.objects.get_or_create(kommun=kommun, namn="Kommunledning")
    mallar = _mallar()

    with starta_dovecot() as (vard, port):
        anvandare = f"bench{uuid.uuid4().hex[:8]}"
        os.environ["KC_BENCH_EPOST_LOSEN"] = IMAP_LOSEN
        konto = Epostkonto.objects.create(
            namn=anvandare,
            adress="kommunen@kommun.example",
            imap_vard=vard,
            imap_port=port,
            imap_tls=False,
            imap_anvandare=anvandare,
            losenord_variabel="KC_BENCH_EPOST_LOSEN",
            forvaltning=forvaltning,
        )
        imap = IMAPClient(vard, port=port, ssl=False)
        imap.login(anvandare, IMAP_LOSEN)
        arenden_fore = Arende.objects.count()
        rundor = [
            _runda(konto, imap, mallar, 0, args.forsta),
            _runda(konto, imap, mallar, args.forsta, args.antal),
        ]
        call_command("hamta_epost", "--konto", konto.namn)  # a second run: nothing new
        imap.logout()

    status = dict(
        Inkommet.objects.filter(konto=konto)
        .values_list("status")
        .annotate(n=django.db.models.Count("id"))
    )
    # "Python CPU ms/brev" is this process's own CPU time per mail (parsing, ORM); the
    # machine's load average shows how much of the wall time went to other work.
    print(
        f"{'brev':>6} {'APPEND s':>9} {'hämta s':>8} {'brev/s':>7} "
        f"{'Python CPU ms/brev':>19} {'max RSS MB':>11} {'last (1 min)':>13}"
    )
    for r in rundor:
        print(
            f"{r['nya']:>6} {r['append_s']:>9.1f} {r['sekunder']:>8.1f} {r['per_s']:>7.0f} "
            f"{r['cpu_ms']:>19.1f} {r['maxrss_mb']:>11.0f} {r['last']:>13.1f}"
        )
    kvitton = Utskick.objects.filter(konto=konto, typ=Utskick.Typ.KVITTO).count()
    print(
        f"ärenden skapade: {Arende.objects.count() - arenden_fore}; kvitton: {kvitton}; "
        f"status: {status}"
    )
    totalt = args.forsta + args.antal
    lagrade = Inkommet.objects.filter(konto=konto).count()
    print(f"lagrade {lagrade} av {totalt} (andra körningen lade inte till något)")


if __name__ == "__main__":
    main()
