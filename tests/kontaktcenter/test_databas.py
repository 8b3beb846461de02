"""The database connection's health check: no round trip while the connection is sound, a
new connection when the server has closed the old one (a restart, a terminated backend)."""

import time

import psycopg2
import pytest
from django.contrib.auth.models import Group
from django.db import close_old_connections, connection

from arenden.behorighet import Roll
from arenden.demodata.anvandare import DEMOLOSENORD

# Transactional: inside a test's transaction every check would be Django's own SELECT 1.
# Serialized: a plain transactional test's flush makes new content types, which the
# serialized state a later test (platina_bridge/test_celery.py) loads would collide with.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _roller():
    # The flush after a transactional test removed the role groups the migrations made.
    for namn in Roll.ALLA:
        Group.objects.get_or_create(name=namn)


def _pa_servern(sql: str, *parametrar):
    """Run one statement on a connection of its own, as another client would."""
    installningar = connection.settings_dict
    annan = psycopg2.connect(
        dbname=installningar["NAME"],
        host=installningar["HOST"] or None,
        port=installningar["PORT"] or None,
    )
    annan.autocommit = True
    try:
        with annan.cursor() as c:
            c.execute(sql, parametrar)
            return c.fetchall() if c.description else None
    finally:
        annan.close()


def _senaste_fraga(pid: int) -> str:
    return _pa_servern("SELECT query FROM pg_stat_activity WHERE pid = %s", pid)[0][0]


@pytest.fixture
def inloggad(client, vagledare):
    vagledare.set_password(DEMOLOSENORD)
    vagledare.save()
    assert client.login(username=vagledare.username, password=DEMOLOSENORD)
    return client


def test_en_frisk_anslutning_kontrolleras_utan_fraga(inloggad):
    assert inloggad.get("/").status_code == 200
    pid = connection.connection.info.backend_pid
    fore = _senaste_fraga(pid)

    assert connection.is_usable()
    assert connection.connection.info.backend_pid == pid
    # Django's own check would have sent SELECT 1; the server saw nothing.
    assert _senaste_fraga(pid) == fore != "SELECT 1"


def test_en_anslutning_som_servern_stangt_byts_ut_utan_fel(inloggad):
    assert inloggad.get("/").status_code == 200
    pid = connection.connection.info.backend_pid
    assert _pa_servern("SELECT pg_terminate_backend(%s)", pid) == [(True,)]
    for _ in range(50):
        if not _pa_servern("SELECT 1 FROM pg_stat_activity WHERE pid = %s", pid):
            break
        time.sleep(0.05)

    assert not connection.is_usable()
    # A server calls this as each request starts (Django's test client does not): the
    # health check runs again before the request's first query.
    close_old_connections()
    # The next request gets a new connection and an answer, not a 500.
    svar = inloggad.get("/")
    assert svar.status_code == 200
    assert connection.connection.info.backend_pid != pid
