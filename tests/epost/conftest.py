"""Real mail servers on loopback: Dovecot for IMAP, aiosmtpd as the SMTP sink.

Dovecot (tests/epost/dovecot.py) runs once per test session from a throw-away
configuration; each test gets an IMAP user of its own, so each test has an empty mailbox.
"""

import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from imapclient import IMAPClient

from kanaler.epost.models import Epostkonto
from tests.epost.dovecot import IMAP_LOSEN, ledig_port, starta_dovecot

LOSEN_VARIABEL = "KC_TEST_EPOST_LOSEN"
DATA = Path(__file__).resolve().parent.parent / "data" / "epost"


@pytest.fixture(scope="session")
def dovecot():
    """Dovecot on a free loopback port for the whole session; yield (host, port)."""
    with starta_dovecot() as adress:
        yield adress


@pytest.fixture
def imap_anvandare(dovecot):
    """A fresh, empty mailbox for this test; yield its user name."""
    return f"kc{uuid.uuid4().hex[:12]}"


@pytest.fixture
def imap(dovecot, imap_anvandare):
    """An IMAP connection to the test's own mailbox, to APPEND mails and look at flags."""
    vard, port = dovecot
    klient = IMAPClient(vard, port=port, ssl=False)
    klient.login(imap_anvandare, IMAP_LOSEN)
    yield klient
    klient.logout()


@pytest.fixture
def epostkonto(db, dovecot, imap_anvandare, imap, forvaltning_a, monkeypatch):
    """An active mailbox row pointing at the test's Dovecot user; kvitto on."""
    monkeypatch.setenv(LOSEN_VARIABEL, IMAP_LOSEN)
    vard, port = dovecot
    return Epostkonto.objects.create(
        namn="kommunen",
        adress="kommunen@kommun.example",
        imap_vard=vard,
        imap_port=port,
        imap_tls=False,
        imap_anvandare=imap_anvandare,
        losenord_variabel=LOSEN_VARIABEL,
        forvaltning=forvaltning_a,
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


class _Sink:
    def __init__(self):
        self.brev: list = []

    async def handle_DATA(self, server, session, envelope):
        self.brev.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port; Django sends to it. Yield the received list."""
    sink = _Sink()
    port = ledig_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield sink.brev
    controller.stop()


def las_eml(namn: str) -> bytes:
    return (DATA / namn).read_bytes()


def lagg_in(imap: IMAPClient, *brev: bytes, mapp: str = "INBOX") -> None:
    for ra in brev:
        imap.append(mapp, ra)
