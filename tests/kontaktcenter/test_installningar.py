"""Settings come from the environment and fail loudly, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]


def starta(**miljo: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly this environment."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings"}
    env.update(miljo)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_produktion_kraver_secret_key():
    """Without DEBUG, a missing SECRET_KEY stops start-up with its name in the message."""
    resultat = starta()

    assert resultat.returncode != 0
    assert "Miljövariabeln SECRET_KEY saknas" in resultat.stderr


def test_for_kort_secret_key_avvisas():
    resultat = starta(SECRET_KEY="kort")

    assert resultat.returncode != 0
    assert "SECRET_KEY är för kort" in resultat.stderr


@pytest.mark.parametrize(
    ("namn", "varde", "meddelande"),
    [
        ("DEBUG", "kanske", "Miljövariabeln DEBUG ska vara true eller false"),
        ("DATABASE_URL", "mysql://x/y", "Miljövariabeln DATABASE_URL ska börja med postgres://"),
        ("DATABASE_URL", "postgres://localhost", "DATABASE_URL saknar databasens namn"),
        ("REDIS_URL", "http://127.0.0.1", "Miljövariabeln REDIS_URL ska börja med redis://"),
        ("EMAIL_PORT", "tjugofem", "Miljövariabeln EMAIL_PORT ska vara ett heltal"),
    ],
)
def test_felaktigt_varde_namnger_variabeln(namn, varde, meddelande):
    """A malformed value is refused with the variable's name and what it should be."""
    resultat = starta(**{"SECRET_KEY": "x" * 40, namn: varde})

    assert resultat.returncode != 0
    assert meddelande in resultat.stderr


def test_utveckling_startar_utan_nagot_satt():
    """DEBUG=true needs nothing else: make run works on a fresh machine."""
    resultat = starta(DEBUG="true")

    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip() == "ok"


def test_databas_url_tolkas(settings):
    """DATABASE_URL's parts land in DATABASES; an empty host means the local socket."""
    from kontaktcenter import miljo

    os.environ["KC_TEST_DB"] = "postgres://anv:hemligt%21@db.example:6543/kc?sslmode=require"
    try:
        db = miljo.databas("KC_TEST_DB", "postgres:///x")
    finally:
        del os.environ["KC_TEST_DB"]

    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "kc",
        "anv",
        "hemligt!",
        "db.example",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require", "options": "-c join_collapse_limit=4"}
    assert miljo.databas("KC_FINNS_INTE", "postgres:///kontaktcenter")["HOST"] == ""


def test_planerarens_join_grans_galler_appens_anslutningar(db, monkeypatch):
    """join_collapse_limit is 4 on our connections, after options of the URL's own; 0: off."""
    from django.db import connection

    from kontaktcenter import miljo

    with connection.cursor() as c:
        c.execute("SHOW join_collapse_limit")
        assert c.fetchone() == ("4",)
    monkeypatch.setenv("KC_TEST_DB", "postgres:///kc?options=-c%20statement_timeout%3D5000")
    assert miljo.databas("KC_TEST_DB", "postgres:///x")["OPTIONS"] == {
        "options": "-c join_collapse_limit=4 -c statement_timeout=5000"
    }
    monkeypatch.setenv("DATABASE_JOIN_COLLAPSE_LIMIT", "0")
    assert miljo.databas("KC_TEST_DB", "postgres:///x")["OPTIONS"] == {
        "options": "-c statement_timeout=5000"
    }


def test_sso_utan_leverantorens_adresser_stoppar_uppstarten():
    """A client id without the provider's endpoints names the first missing variable."""
    resultat = starta(DEBUG="true", OIDC_RP_CLIENT_ID="kontaktcenter")

    assert resultat.returncode != 0
    assert "Miljövariabeln OIDC_RP_CLIENT_SECRET saknas" in resultat.stderr


def test_sso_konfigurerat_fran_miljon():
    """With the provider's variables set, SSO is on and the group mapping is parsed."""
    env = {
        "DEBUG": "true",
        "OIDC_RP_CLIENT_ID": "kontaktcenter",
        "OIDC_RP_CLIENT_SECRET": "hemligt",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
        "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
        "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/certs",
        "OIDC_GRUPPMAPPNING": "kc-vagledare=kommunvagledare, kc-handlaggare=handlaggare",
    }
    kod = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.urls import reverse; "
        "print(s.KONTAKTCENTER_INLOGGNING['SSO'], s.KONTAKTCENTER_INLOGGNING['GRUPPMAPPNING'], "
        "s.AUTHENTICATION_BACKENDS[-1], reverse('oidc_authentication_init'))"
    )
    resultat = subprocess.run(
        [sys.executable, "-c", kod],
        cwd=ROT,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip().splitlines()[-1] == (
        "True {'kc-vagledare': 'kommunvagledare', 'kc-handlaggare': 'handlaggare'} "
        "inloggning.sso.KommunensOidcBackend /oidc/authenticate/"
    )


def test_felaktig_gruppmappning_namnger_variabeln():
    resultat = starta(DEBUG="true", OIDC_GRUPPMAPPNING="kc-vagledare")

    assert resultat.returncode != 0
    assert "Miljövariabeln OIDC_GRUPPMAPPNING ska vara nyckel=värde" in resultat.stderr
