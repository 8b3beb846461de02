"""200 escalations sent by a real Celery worker on Redis while the simulator misbehaves.

The worker is `celery -A kontaktcenter worker` as a separate process, pointed at this
test's database; the queue gets a unique name so that no other worker on the same Redis
(a developer's `make run`) can take the test's tasks.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from arenden import services as arende_services
from arenden.models import Arende
from platina_bridge.models import PlatinaRegistrering, Tillstand
from tests.factories import ArendeFactory
from tests.platina_bridge.conftest import ROT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANTAL = 200
VANTETID = 300  # seconds before the test gives up on the worker


@pytest.fixture
def worker(simulator, settings):
    ko = f"platina-test-{uuid.uuid4().hex[:8]}"
    settings.PLATINA = {**settings.PLATINA, "KO": ko}
    miljo = {
        **os.environ,
        "DATABASE_URL": f"postgres:///{connection.settings_dict['NAME']}",
        "PLATINA_URL": simulator.url,
        "PLATINA_KO": ko,
        "PLATINA_TIMEOUT_SEKUNDER": "0.5",
        "PLATINA_BACKOFF_BAS_SEKUNDER": "0.1",
        "PLATINA_BACKOFF_MAX_SEKUNDER": "2",
        "PLATINA_MAX_FORSOK": "1000",
        "PLATINA_OKLART_VANTA_SEKUNDER": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "kontaktcenter", "worker", "-Q", ko,
            "--concurrency", "4", "--loglevel", "WARNING", "-n", f"{ko}@%h",
            "--without-mingle", "--without-gossip",
        ],
        cwd=ROT,
        env=miljo,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_200_arenden_under_fel_ger_exakt_ett_diarienummer_var(
    simulator, worker, vagledare, forvaltning_b, kategori_diarieford
):
    """With 30 % failures and 10 % commit-then-timeout, each ärende gets exactly one case."""
    # given: a simulator failing 30 % of requests and committing-then-timing-out 10 %
    simulator.fel(fel_andel=0.3, tidsgrans_andel=0.1, stall_sekunder=1.0, slump_fro=6)
    # when: 200 ärenden are escalated with diarieföring, each in its own transaction
    nummer = []
    for _ in range(ANTAL):
        arende = ArendeFactory(av=vagledare, kategori=kategori_diarieford)
        arende_services.arende_eskalera(
            arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak="Handläggning."
        )
        nummer.append(arende.nummer)
    slut = time.monotonic() + VANTETID
    while time.monotonic() < slut:
        klara = PlatinaRegistrering.objects.filter(tillstand=Tillstand.REGISTRERAD).count()
        if klara == ANTAL or worker.poll() is not None:
            break
        time.sleep(1)
    # then
    assert worker.poll() is None, "the worker died"
    simulator.fel(fel_andel=0.0, tidsgrans_andel=0.0)
    tillstand = dict(PlatinaRegistrering.objects.values_list("idempotensnyckel", "tillstand"))
    assert set(tillstand.values()) == {Tillstand.REGISTRERAD}, tillstand
    diarienummer = list(Arende.objects.values_list("diarienummer", flat=True))
    assert len(diarienummer) == ANTAL
    assert all(diarienummer)
    assert len(set(diarienummer)) == ANTAL
    sim = simulator.tillstand()
    assert sim["arenden"] == ANTAL
    assert sorted(sim["externa_referenser"]) == sorted(nummer)
    assert sorted(sim["diarienummer"]) == sorted(diarienummer)
    # The faults really happened: far more attempts than ärenden.
    forsok = sum(PlatinaRegistrering.objects.values_list("forsok", flat=True))
    assert forsok > ANTAL * 1.3
    print(f"\n{ANTAL} ärenden, {forsok} försök, {sum(sim['anrop'].values())} anrop till Platina")
