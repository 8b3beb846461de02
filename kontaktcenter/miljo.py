"""Read settings from the environment, failing loudly with the variable's name.

Settings follow the twelve-factor rule: every deployment difference is an environment
variable. A missing or malformed value stops start-up with a message that names the
variable, instead of a stack trace deep inside Django.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_SANT = {"1", "true", "yes", "on", "ja", "sant"}
_FALSKT = {"0", "false", "no", "off", "nej", "falskt", ""}


class MiljoFel(ImproperlyConfigured):
    """An environment variable is missing or malformed."""

    def __init__(self, namn: str, problem: str):
        super().__init__(f"Miljövariabeln {namn} {problem}.")
        self.namn = namn


def text(namn: str, standard: str | None = None) -> str:
    """Return the variable's value, or the default; raise if neither exists."""
    varde = os.environ.get(namn)
    if varde is None or varde == "":
        if standard is None:
            raise MiljoFel(namn, "saknas och har inget standardvärde")
        return standard
    return varde


def flagga(namn: str, standard: bool) -> bool:
    """Return a boolean variable; accept 1/0, true/false, yes/no, ja/nej."""
    varde = os.environ.get(namn)
    if varde is None:
        return standard
    if varde.strip().lower() in _SANT:
        return True
    if varde.strip().lower() in _FALSKT:
        return False
    raise MiljoFel(namn, f"ska vara true eller false, inte {varde!r}")


def heltal(namn: str, standard: int) -> int:
    """Return an integer variable."""
    varde = os.environ.get(namn)
    if varde is None or varde == "":
        return standard
    try:
        return int(varde)
    except ValueError:
        raise MiljoFel(namn, f"ska vara ett heltal, inte {varde!r}") from None


def decimaltal(namn: str, standard: float) -> float:
    """Return a decimal variable (a timeout in seconds: 0.5)."""
    varde = os.environ.get(namn)
    if varde is None or varde == "":
        return standard
    try:
        return float(varde)
    except ValueError:
        raise MiljoFel(namn, f"ska vara ett tal, inte {varde!r}") from None


def lista(namn: str, standard: list[str]) -> list[str]:
    """Return a comma-separated list variable."""
    varde = os.environ.get(namn)
    if varde is None:
        return standard
    return [del_.strip() for del_ in varde.split(",") if del_.strip()]


def databas(namn: str, standard: str) -> dict:
    """Parse a PostgreSQL URL (postgres://user:pass@host:port/name?opt=v) into DATABASES form.

    An empty host means the local Unix socket, as libpq does.
    """
    url = text(namn, standard)
    delar = urlparse(url)
    if delar.scheme not in {"postgres", "postgresql"}:
        raise MiljoFel(namn, f"ska börja med postgres://, inte {delar.scheme or url!r}")
    databasnamn = unquote(delar.path.lstrip("/"))
    if not databasnamn:
        raise MiljoFel(namn, "saknar databasens namn (postgres:///kontaktcenter)")
    try:
        port = delar.port
    except ValueError:
        raise MiljoFel(namn, "har ett ogiltigt portnummer") from None
    alternativ = {nyckel: varden[-1] for nyckel, varden in parse_qs(delar.query).items()}
    # The planner searches every order of up to join_collapse_limit joined tables (8 by
    # default). An ärende read with its six related rows cost 3.6 ms of planning for 0.3 ms
    # of execution; with 4 it plans in 1.5 ms and no measured query got a worse plan (the
    # statistics included). 0 leaves PostgreSQL's setting alone.
    if grans := heltal("DATABASE_JOIN_COLLAPSE_LIMIT", 4):
        egna = alternativ.get("options", "")
        alternativ["options"] = f"-c join_collapse_limit={grans} {egna}".strip()
    return {
        "ENGINE": "kontaktcenter.postgresql",
        "NAME": databasnamn,
        "USER": unquote(delar.username or ""),
        "PASSWORD": unquote(delar.password or ""),
        "HOST": delar.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": alternativ,
        "CONN_MAX_AGE": heltal("DATABASE_CONN_MAX_AGE", 60),
        # A statement seen this many times on a connection is prepared there (planned
        # once; kontaktcenter/postgresql/forberedda.py). 0: never (behind PgBouncer in
        # transaction mode, which does not keep a client on one server session).
        "PREPARE_THRESHOLD": heltal("DATABASE_PREPARE_THRESHOLD", 3),
        "CONN_HEALTH_CHECKS": True,
    }


def redis_url(namn: str, standard: str) -> str:
    """Return a redis:// or rediss:// URL."""
    url = text(namn, standard)
    if urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise MiljoFel(namn, f"ska börja med redis://, inte {url!r}")
    return url


def mappning(namn: str) -> dict[str, str]:
    """Return a comma-separated list of nyckel=värde pairs as a dict (empty when unset)."""
    resultat = {}
    for par in lista(namn, []):
        nyckel, likhet, varde = par.partition("=")
        if not likhet or not nyckel.strip() or not varde.strip():
            raise MiljoFel(namn, f"ska vara nyckel=värde,nyckel=värde, inte {par!r}")
        resultat[nyckel.strip()] = varde.strip()
    return resultat
