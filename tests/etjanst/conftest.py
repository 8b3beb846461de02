"""Fixtures for the e-tjänst channel: the platform's account, a fresh public address per test."""

import time
import uuid

import pytest
from django.core import signing

from kanaler.etjanst.services import FORMULAR_SALT


@pytest.fixture
def adress():
    """A fresh client address, so the hourly limit in Redis starts from zero in every test."""
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


@pytest.fixture
def stampel():
    """A form time stamp as if the page was opened `sekunder` ago."""

    def skapa(sekunder: float = 30) -> str:
        return signing.dumps(time.time() - sekunder, salt=FORMULAR_SALT)

    return skapa


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments land in a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def oep(settings):
    """A fake Open ePlatform on loopback with polling and reports back pointed at it."""
    from tests.etjanst.oep_fake import ANVANDARE, LOSENORD, FakeOepServer

    server = FakeOepServer()
    settings.OEP = {
        **settings.OEP,
        "URL": server.url,
        "ANVANDARE": ANVANDARE,
        "LOSENORD": LOSENORD,
        "FAMILJER": ["766"],
        "CALLBACK_URL": "",
        "TIMEOUT_SEKUNDER": 5.0,
        "MAX_FORSOK": 2,
        "BACKOFF_BAS_SEKUNDER": 0.0,
        "BACKOFF_MAX_SEKUNDER": 0.0,
    }
    yield server.fake
    server.stang()
