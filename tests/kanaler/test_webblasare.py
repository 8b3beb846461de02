"""A call registered with the keyboard alone in headless Chromium, timed.

The kommunvägledare is in the work queue when the phone rings: "s" opens the quick form with
the cursor in the question, she types, the kategori suggestion appears, Enter saves. One
screen, one POST, no mouse.
"""

import shutil
import time

import pytest
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from arenden.models import Arende, Kanal, Status, Utfall

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOSENORD = "kontaktcenter-test-9f3k"


@pytest.fixture
def sida(live_server, vagledare, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's guard against ORM calls from async code does not apply.
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
    # The live server answers each request in a thread of its own, whose persistent database
    # connection outlives the thread and would keep the test database from being dropped.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def test_lost_samtal_med_bara_tangentbordet(sida, live_server, kategori_snabb):
    """Shortcut, type, Enter: the solved call is registered in well under 30 seconds."""
    posts = []
    sida.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    borjan = time.monotonic()

    # when: "s" from the queue, the question typed where the cursor already is, Enter.
    sida.keyboard.press("s")
    expect(sida).to_have_url(f"{live_server.url}/telefon/")
    expect(sida.locator("#fraga")).to_be_focused()
    sida.keyboard.type("Felanmälan gata: trasig gatlampa på Storgatan")
    expect(sida.locator("#forslag")).to_contain_text("Felanmälan gata")
    sida.keyboard.press("Enter")
    expect(sida.locator("#meddelanden")).to_contain_text("Registrerat:")
    tid = time.monotonic() - borjan

    # then
    arende = Arende.objects.get()
    assert (arende.kanal, arende.status, arende.utfall) == (
        Kanal.TELEFON,
        Status.AVSLUTAD,
        Utfall.LOST_AV_KONTAKTCENTER,
    )
    assert arende.kategori == kategori_snabb
    assert posts == [f"{live_server.url}/telefon/"]
    expect(sida.locator("#fraga")).to_be_focused()
    print(f"\nSamtal registrerat med tangentbordet på {tid:.2f} s (inklusive skrivandet).")
    assert tid < 30
