"""Races between real database connections: taking an ärende, handing out numbers.

Each thread has its own PostgreSQL connection and its own transaction, exactly as two
gunicorn workers would; a barrier releases them at the same moment.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from arenden import services
from arenden.errors import ArendeRedanTilldelat
from arenden.models import Arende, Handelse, Kanal, Status
from tests.factories import ArendeFactory

# Transactional: the threads must see each other's commits, which a test wrapped in one
# transaction would hide. serialized_rollback restores the role groups after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VANTETID = 30  # seconds; a deadlock or a lost wake-up fails the test instead of hanging it


def kor_samtidigt(uppgifter: list[Callable[[], object]]) -> list[object]:
    """Run the callables in threads released together; return each result or exception."""
    start = threading.Barrier(len(uppgifter), timeout=VANTETID)
    resultat: list[object] = [None] * len(uppgifter)

    def kor(i: int, uppgift: Callable[[], object]) -> None:
        try:
            start.wait()
            resultat[i] = uppgift()
        except Exception as fel:  # collected and asserted on by the test
            resultat[i] = fel
        finally:
            connection.close()

    tradar = [
        threading.Thread(target=kor, args=(i, u), daemon=True) for i, u in enumerate(uppgifter)
    ]
    for trad in tradar:
        trad.start()
    for trad in tradar:
        trad.join(VANTETID)
        assert not trad.is_alive(), "a thread is stuck (deadlock?)"
    return resultat


@pytest.mark.parametrize("omgang", range(5))
def test_tva_vagledare_tar_samma_arende_samtidigt(kommun, vagledare, vagledare2, omgang):
    """Two vägledare taking the same ärende at once: exactly one wins."""
    # given
    arende = ArendeFactory(kommun=kommun, av=vagledare)

    # when
    resultat = kor_samtidigt(
        [
            lambda: services.arende_tilldela(arende=arende, av=vagledare, till=vagledare),
            lambda: services.arende_tilldela(arende=arende, av=vagledare2, till=vagledare2),
        ]
    )

    # then
    vinnare = [r for r in resultat if isinstance(r, Arende)]
    forlorare = [r for r in resultat if isinstance(r, ArendeRedanTilldelat)]
    assert (len(vinnare), len(forlorare)) == (1, 1), resultat
    arende.refresh_from_db()
    assert arende.tilldelad_id == vinnare[0].tilldelad_id
    assert arende.status == Status.PAGAENDE
    assert arende.version == 2
    # the loser is told who was first
    vinnarens_namn = arende.tilldelad.get_full_name()
    assert vinnarens_namn in forlorare[0].message
    [tilldelat] = Handelse.objects.filter(arende=arende, typ=Handelse.Typ.TILLDELAT)
    assert tilldelat.aktor_id == arende.tilldelad_id


def test_samtidiga_arenden_far_olika_nummer_i_foljd(kommun, vagledare):
    """N ärenden created at once get N distinct, consecutive numbers."""
    antal = 8

    resultat = kor_samtidigt(
        [
            lambda i=i: services.arende_skapa(
                rubrik=f"Samtidig fråga {i}", kanal=Kanal.EPOST, av=vagledare, kommun=kommun
            )
            for i in range(antal)
        ]
    )

    assert all(isinstance(r, Arende) for r in resultat), resultat
    nummer = sorted(r.nummer for r in resultat)
    lopnummer = [int(n.rsplit("-", 1)[1]) for n in nummer]
    assert lopnummer == list(range(lopnummer[0], lopnummer[0] + antal))
    assert Arende.objects.count() == antal
    assert Handelse.objects.filter(typ=Handelse.Typ.SKAPAT).count() == antal


@pytest.mark.parametrize("omgang", range(3))
def test_tva_tar_samma_arende_samtidigt_via_api(api_client, kommun, vagledare, vagledare2, omgang):
    """Through the API (the action in an atomic_block): one 200, one 409, one TILLDELAT."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    url = f"/api/v1/arenden/{arende.nummer}/tilldela/"
    klienter = [api_client(vagledare), api_client(vagledare2)]

    resultat = kor_samtidigt([lambda k=k: k.post(url, {}, format="json") for k in klienter])

    assert sorted(r.status_code for r in resultat) == [200, 409], resultat
    [vinnare] = [r.json() for r in resultat if r.status_code == 200]
    arende.refresh_from_db()
    assert vinnare["tilldelad"] == arende.tilldelad.username
    assert vinnare["version"] == arende.version == 2
    assert Handelse.objects.filter(arende=arende, typ=Handelse.Typ.TILLDELAT).count() == 1
