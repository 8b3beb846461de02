"""Write generated ärenden to PostgreSQL with COPY, one transaction per batch.

COPY is one path for every size: the 2 000 ärenden of a demo and the million of a load
test go through the same code, so the small run tests the big one.
"""

import contextlib
import csv
import io
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator

from django.db import connection, connections, transaction

from arenden.demodata.anvandare import Katalog, Personal
from arenden.demodata.generator import Generator
from arenden.demodata.klocka import Klocka
from arenden.demodata.liv import Rader
from arenden.services import arendenummer_reservera

# Ärenden per transaction. A batch is about 20 000 ärenden, 14 000 kontakter, 25 000
# meddelanden and 95 000 händelser as tuples plus their CSV text, roughly 100 MB; with the
# generator one batch ahead of the writer up to three are alive (measured: 380 MB peak RSS
# for the whole command). A failed batch loses only itself; a rerun fills in what is missing.
BATCH = 20_000

# (table, columns, NOT NULL text columns). In CSV an unquoted empty field is NULL; those
# columns take it as an empty string instead (FORCE_NOT_NULL), everything else as NULL.
KOLUMNER = {
    "kontakter": (
        "arenden_kontakt",
        ("id", "namn", "epost", "telefon", "personnummer", "organisationsnummer", "skapad"),
        ("namn", "epost", "telefon", "personnummer", "organisationsnummer"),
    ),
    "arenden": (
        "arenden_arende",
        ("id", "nummer", "rubrik", "beskrivning", "kanal", "status", "utfall", "rosa", "inkom",
         "forsta_svar", "besvarad", "avslutad", "eskalerad", "svar_senast", "sekretess",
         "diarienummer", "andrad", "version", "sammanslagen_med_id", "skapad_av_id",
         "tilldelad_id", "forvaltning_id", "kategori_id", "kommun_id", "kontakt_id"),
        ("beskrivning", "utfall", "diarienummer"),
    ),
    "meddelanden": (
        "arenden_meddelande",
        ("id", "riktning", "kanal", "avsandare", "mottagare", "amne", "text", "html", "metadata",
         "skapad", "arende_id", "skapad_av_id"),
        ("avsandare", "mottagare", "amne", "text", "html"),
    ),
    # Nothing points at a händelse or a sekretess row, so the identity column numbers them.
    "handelser": ("arenden_handelse", ("typ", "tid", "data", "aktor_id", "arende_id"), ()),
    "sekretess": ("arenden_arende_sekretess_behoriga", ("arende_id", "user_id"), ()),
}  # fmt: skip


class IdKalla:
    """Hand out ids from the table's own identity sequence, a block at a time.

    nextval() is what an ordinary INSERT calls, so these ids never collide with rows
    created meanwhile by hand, by the app or by another seed; a block fetched by
    `nextval() FROM generate_series` costs one round trip. Reading max(id) and calling
    setval() instead would race with concurrent inserts. Ids left unused make a gap, as
    a rolled-back INSERT does.
    """

    def __init__(self, tabell: str, block: int = BATCH):
        self.block = block
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabell])
            self.sekvens = cursor.fetchone()[0]
        self._ids: list[int] = []

    def hamta(self, antal: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [self.sekvens, antal])
            return [rad[0] for rad in cursor.fetchall()]

    def nasta(self) -> int:
        if not self._ids:
            self._ids = self.hamta(self.block)[::-1]
        return self._ids.pop()


def _kopiera(cursor, namn: str, rader: list[tuple]) -> None:
    if not rader:
        return
    tabell, kolumner, ej_null = KOLUMNER[namn]
    buffert = io.StringIO()
    csv.writer(buffert, lineterminator="\n").writerows(rader)
    buffert.seek(0)
    alternativ = "FORMAT csv" + (f", FORCE_NOT_NULL ({', '.join(ej_null)})" if ej_null else "")
    cursor.copy_expert(
        f"COPY {tabell} ({', '.join(kolumner)}) FROM STDIN WITH ({alternativ})", buffert
    )


def rader_skriv(rader: Rader) -> None:
    """COPY one batch, parents first (the foreign keys are checked at commit anyway)."""
    with connection.cursor() as cursor:
        for namn in KOLUMNER:
            _kopiera(cursor, namn, getattr(rader, namn))


def arenden_fyll_pa(
    *,
    antal: int,
    dagar: int,
    seed: int,
    katalog: Katalog,
    personal: Personal,
    utskrift: Callable[[str], None],
) -> int:
    """Create `antal` ärenden arriving over the last `dagar` days; return how many were made."""
    klocka = Klocka(nu=int(time.time()), dagar=dagar)
    kontakter, meddelanden, arenden = (
        IdKalla("arenden_kontakt"),
        IdKalla("arenden_meddelande"),
        IdKalla("arenden_arende"),
    )
    generator = Generator(
        rng=random.Random(seed),
        klocka=klocka,
        katalog=katalog,
        personal=personal,
        nasta_id={"kontakt": kontakter.nasta, "meddelande": meddelanden.nasta},
        arende_ids=arenden.hamta,
        reservera_nummer=lambda ar, n: arendenummer_reservera(ar=ar, antal=n),
    )
    koder = generator.inkomster(antal)
    batcher = [koder[borjan : borjan + BATCH] for borjan in range(0, antal, BATCH)]
    # Generating a batch (Python) and writing one (PostgreSQL) each take a core, so big runs
    # do both at once. Inside a transaction (a test) the generator's thread would have its
    # own connection that cannot see the caller's rows, so small and nested runs stay serial.
    if len(batcher) > 1 and not connection.in_atomic_block:
        batch_for_batch = _i_bakgrunden(generator, batcher)
    else:
        batch_for_batch = None
    start, skapade = time.monotonic(), 0
    for del_ in batcher:
        with transaction.atomic():
            rader = next(batch_for_batch) if batch_for_batch else generator.rader_for(del_)
            rader_skriv(rader)
        skapade += len(rader.arenden)
        utskrift(
            f"  {skapade:>9,} / {antal:,} ärenden  "
            f"({len(rader.handelser):,} händelser i batchen, {time.monotonic() - start:.0f} s)"
        )
    return skapade


def _i_bakgrunden(generator: Generator, batcher: list[list[int]]) -> Iterator[Rader]:
    """Generate the batches in a thread, one ahead of the writer, and yield them in order.

    The thread reserves ids and ärendenummer on its own connection, committed at once: a
    batch that then fails to write leaves a gap in the numbers, never a number used twice.
    """
    ko: queue.Queue = queue.Queue(maxsize=1)  # one batch waiting, one being written
    stopp = threading.Event()

    def producera() -> None:
        try:
            for del_ in batcher:
                if stopp.is_set():
                    return
                ko.put(generator.rader_for(del_))
        except BaseException as fel:
            ko.put(fel)
        finally:
            connections.close_all()  # this thread's connection only

    trad = threading.Thread(target=producera, name="seed_demo-generator", daemon=True)
    trad.start()
    try:
        for _ in batcher:
            post = ko.get()
            if isinstance(post, BaseException):
                raise post
            yield post
    finally:
        stopp.set()
        with contextlib.suppress(queue.Empty):
            ko.get_nowait()  # let a thread blocked on put() see the stop
        trad.join()
