"""The Platina simulator as a real HTTP server on a free loopback port, one per test session.

It runs as `manage.py platina_simulator --port 0`, exactly as `make run` starts it; each test
gets it reset, with the bridge's settings pointed at it and a short client timeout.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from platina_bridge.klient import _Token

ROT = Path(__file__).resolve().parents[2]
# After an unknown outcome, how long "not found in Platina" proves nothing (in the tests).
OKLART_VANTA = 1.0


class SimulatorStyrning:
    """Steer the running simulator over its admin endpoint."""

    def __init__(self, url: str):
        self.url = url

    def fel(self, **fel) -> dict:
        svar = httpx.post(f"{self.url}/_simulator/fel", json=fel, timeout=5)
        svar.raise_for_status()
        return svar.json()

    def tillstand(self) -> dict:
        return httpx.get(f"{self.url}/_simulator/tillstand", timeout=5).json()

    def aterstall(self) -> None:
        httpx.post(f"{self.url}/_simulator/aterstall", timeout=5).raise_for_status()

    def vanta_tills_nere(self, sekunder: float = 5) -> None:
        slut = time.monotonic() + sekunder
        while time.monotonic() < slut:
            try:
                self.tillstand()
            except httpx.ConnectError:
                return
            except httpx.TransportError:
                pass  # closing: the backlog is being reset
            time.sleep(0.05)
        raise AssertionError("The simulator did not go down.")

    def vanta_tills_uppe(self, sekunder: float = 10) -> None:
        slut = time.monotonic() + sekunder
        while time.monotonic() < slut:
            try:
                self.tillstand()
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("The simulator did not come back.")


@pytest.fixture(scope="session")
def simulator_url():
    process = subprocess.Popen(
        [sys.executable, "manage.py", "platina_simulator", "--port", "0", "--tyst"],
        cwd=ROT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        rad = process.stdout.readline()
        traff = re.search(r"http://127\.0\.0\.1:(\d+)/", rad)
        assert traff, f"The simulator did not start: {rad!r}"
        url = f"http://127.0.0.1:{traff.group(1)}"
        SimulatorStyrning(url).vanta_tills_uppe()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def simulator(simulator_url, settings):
    """The reset simulator, with the bridge pointed at it (client timeout 0.5 s)."""
    styrning = SimulatorStyrning(simulator_url)
    styrning.vanta_tills_uppe()
    styrning.aterstall()
    settings.PLATINA = {
        **settings.PLATINA,
        "URL": simulator_url,
        "TIMEOUT_SEKUNDER": 0.5,
        "BACKOFF_BAS_SEKUNDER": 0.1,
        "BACKOFF_MAX_SEKUNDER": 1.0,
        "OKLART_VANTA_SEKUNDER": OKLART_VANTA,
    }
    _Token.glom()
    yield styrning
    _Token.glom()
