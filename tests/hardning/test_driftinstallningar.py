"""Production settings pass Django's deployment checks, and CSRF holds for session users."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from arenden.models import Arende

ROT = Path(__file__).resolve().parents[2]


def test_check_deploy_utan_anmarkningar():
    """`manage.py check --deploy` with production-like settings finds nothing, not a warning."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "true",
        "ALLOWED_HOSTS": "kontaktcenter.kommun.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres:///kontaktcenter"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }

    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert resultat.returncode == 0, resultat.stderr
    assert "System check identified no issues" in resultat.stdout


@pytest.mark.django_db
def test_api_med_session_kraver_csrf(vagledare, kategori_snabb):
    """A session-authenticated API write without the CSRF token is refused and changes nothing.

    DRF's views are exempt from Django's CSRF middleware because token clients send no
    cookies; SessionAuthentication enforces CSRF itself for the browser's session.
    """
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(vagledare)

    svar = klient.post(
        "/api/v1/kanaler/telefon/arenden/",
        {"fraga": "Trasig gatlampa", "kategori": kategori_snabb.pk, "val": "lost"},
        content_type="application/json",
    )

    assert svar.status_code == 403
    assert svar.json()["code"] == "csrf_ogiltig"
    assert Arende.objects.count() == 0
    # The same call with the token from the page goes through.
    klient.get("/")
    svar = klient.post(
        "/api/v1/kanaler/telefon/arenden/",
        {"fraga": "Trasig gatlampa", "kategori": kategori_snabb.pk, "val": "lost"},
        content_type="application/json",
        headers={"X-CSRFToken": klient.cookies["csrftoken"].value},
    )
    assert svar.status_code == 201, svar.content
    assert Arende.objects.count() == 1


@pytest.mark.django_db
def test_formular_utan_csrf_avvisas(vagledare):
    """A UI form posted without the CSRF token is refused (no view is csrf_exempt)."""
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(vagledare)

    svar = klient.post("/telefon/", {"fraga": "Trasig gatlampa"})

    assert svar.status_code == 403
    assert Arende.objects.count() == 0
