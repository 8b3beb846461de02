"""In headless Chromium: a personnummer typed in the queue's search never reaches a URL."""

import re
import shutil

import pytest
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from arenden import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOSENORD = "kontaktcenter-test-9f3k"


@pytest.fixture(scope="session")
def live_serverns_anslutningar_avslutas(django_db_setup, django_db_blocker):
    """At the end of the session, end the live server threads' database connections.

    They would keep the test database from being dropped. Ending them after each test
    instead breaks a browser test that runs later in the session (tests/kanaler).
    """
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def sida(live_serverns_anslutningar_avslutas, live_server, vagledare, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium saknas: make test installerar det (DEBIAN_TESTPAKET)."
    vagledare.set_password(LOSENORD)
    vagledare.save()
    with sync_playwright() as p:
        webblasare = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        flik = webblasare.new_page()
        flik.goto(f"{live_server.url}/logga-in/")
        flik.keyboard.type("vagledare")
        flik.keyboard.press("Tab")
        flik.keyboard.type(LOSENORD)
        flik.keyboard.press("Enter")
        expect(flik).to_have_url(f"{live_server.url}/")
        yield flik
        webblasare.close()


def test_personnummer_i_kons_sokruta_postas_till_personsokningen(
    sida, live_server, vagledare, kalle
):
    """A word is searched as you type, in the URL; a personnummer typed key by key and sent
    with Enter goes in a POST body to the person search, and in no URL at all."""
    arende = services.arende_skapa(rubrik="Bygglov", kanal="epost", av=vagledare, kontakt=kalle)
    services.arende_skapa(rubrik="Trasig gatlampa", kanal="epost", av=vagledare)
    adresser = []
    sida.on("request", lambda r: adresser.append(r.url))

    # An ordinary word: as before.
    sida.keyboard.press("/")
    sida.keyboard.type("gatlampa", delay=30)
    expect(sida).to_have_url(re.compile(r"/\?q=gatlampa&"))
    expect(sida.locator("#resultat")).not_to_contain_text("Bygglov")

    # A personnummer.
    sida.locator("#q").fill("")
    sida.locator("#q").focus()
    sida.keyboard.type("19811218-9876", delay=60)
    sida.wait_for_timeout(600)  # longer than the search-as-you-type delay
    sida.keyboard.press("Enter")

    expect(sida).to_have_url(f"{live_server.url}/sok/person/")
    expect(sida.locator("table.ko")).to_contain_text(arende.nummer)
    assert not [a for a in adresser if "9876" in a or "811218" in a]
