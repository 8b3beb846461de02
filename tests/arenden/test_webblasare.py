"""The workspace with the keyboard alone in headless Chromium.

The kommunvägledare is in the queue on a wide screen: "j" marks the first ärende, Enter
opens it beside the queue, "?" lists the shortcuts, "t" takes it, "s" puts the cursor in
the reply, "#" opens the svarsmallar, Enter inserts one filled in for this ärende, and the
answer is sent, without a mouse and without leaving the page. On a narrow screen the
same keys open the full ärende page instead.

One test, not several: each live-server test here restores the migrations' rows (roles,
calendar) with serialized_rollback, which costs some 20 s on a busy machine.
"""

import shutil

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from arenden.models import Kanal, Meddelande, Status, Svarsmall
from tests.factories import ArendeFactory, KontaktFactory

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
        # Wide enough for the queue and the ärende side by side.
        flik = webblasare.new_page(viewport={"width": 1600, "height": 1000})
        flik.goto(f"{live_server.url}/logga-in/")
        flik.keyboard.type("vagledare")
        flik.keyboard.press("Tab")
        flik.keyboard.type(LOSENORD)
        flik.keyboard.press("Enter")
        expect(flik).to_have_url(f"{live_server.url}/")
        yield flik
        webblasare.close()
        # Playwright's sync API runs the test in a context of its own, where Django opened
        # a database connection of its own; close it here, in that context, so that it
        # does not keep the test database from being dropped. (Terminating every other
        # connection, as tests/kanaler/test_webblasare.py does, also ended the one the
        # next test goes on to use.)
        connections.close_all()


def test_oppna_ta_och_besvara_med_svarsmall_bara_med_tangentbordet(sida, live_server, vagledare):
    """j, Enter, ?, Esc, t, s, #, Enter, Tab, Enter: the ärende is answered in the pane;
    then j, o open the next one and Back returns to the first."""
    Svarsmall.objects.create(
        titel="Tack för ditt samtal", text="Hej {namn}! Gäller {arendenummer}."
    )
    Svarsmall.objects.create(titel="Vi behöver fler uppgifter", text="Hej! Skicka mer.")
    aldre = ArendeFactory(av=vagledare, kanal=Kanal.EPOST, rubrik="Fråga om sophämtning")
    arende = ArendeFactory(
        av=vagledare,
        kanal=Kanal.TELEFON,
        rubrik="Fråga om parkeringstillstånd",
        kontakt=KontaktFactory(namn="Greta Gran"),
    )
    sida.reload()

    # when: j marks the first row, Enter opens it beside the queue
    sida.keyboard.press("j")
    expect(sida.locator(f"#rad-{arende.nummer} a.oppna")).to_be_focused()
    sida.keyboard.press("Enter")
    panel = sida.locator("#arendepanel")
    expect(panel.locator("#arende-rubrik")).to_contain_text(arende.nummer)
    expect(panel.locator("#arende-rubrik")).to_be_focused()
    expect(sida).to_have_url(f"{live_server.url}/?oppen={arende.nummer}")
    expect(sida.locator("h1")).to_have_text("Arbetskö")  # the queue is still there

    # "?" lists the shortcuts in a modal dialog; Esc closes it
    sida.keyboard.press("?")
    hjalp = sida.locator("#genvagar")
    expect(hjalp).to_be_visible()
    expect(hjalp.get_by_role("button", name="Stäng")).to_be_focused()
    sida.keyboard.press("Escape")
    expect(hjalp).to_be_hidden()

    # "t" takes the ärende: the pane and the queue row change, the live region says so
    sida.keyboard.press("t")
    expect(sida.locator("#meddelanden")).to_contain_text("Du har tagit ärendet.")
    expect(sida.locator(f"#rad-{arende.nummer}")).to_contain_text("Anna Andersson")

    # "s" puts the cursor in the reply; "#" opens the svarsmallar, typing filters them
    sida.keyboard.press("s")
    svar = sida.locator("#svar-text")
    expect(svar).to_be_focused()
    sida.keyboard.type("#")
    expect(sida.locator("#svarsmall-dialog")).to_be_visible()
    expect(sida.locator("#svarsmall-filter")).to_be_focused()
    sida.keyboard.type("tack")
    expect(sida.locator("#svarsmall-alternativ [aria-selected='true']")).to_contain_text(
        "Tack för ditt samtal"
    )
    sida.keyboard.press("Enter")
    expect(sida.locator("#svarsmall-dialog")).to_be_hidden()
    expect(svar).to_be_focused()
    expect(svar).to_have_value(f"Hej Greta Gran! Gäller {arende.nummer}.")

    # Tab to "Skicka svar", Enter
    sida.keyboard.press("Tab")
    expect(sida.locator("#svara button.primar")).to_be_focused()
    sida.keyboard.press("Enter")
    expect(sida.locator("#meddelanden")).to_contain_text("Svaret är registrerat.")
    expect(sida.locator(f"#rad-{arende.nummer}")).to_contain_text("Besvarad")

    # then
    arende.refresh_from_db()
    assert arende.status == Status.BESVARAD
    assert arende.tilldelad == vagledare
    utgaende = Meddelande.objects.get(arende=arende, riktning=Meddelande.Riktning.UT)
    assert utgaende.text == f"Hej Greta Gran! Gäller {arende.nummer}."
    # The split screen survives a reload.
    sida.reload()
    expect(sida.locator("#arendepanel #arende-rubrik")).to_contain_text(arende.nummer)

    # j moves on from the open ärende to the next row; Back brings the first one back.
    sida.keyboard.press("j")
    expect(sida.locator(f"#rad-{aldre.nummer} a.oppna")).to_be_focused()
    sida.keyboard.press("o")
    expect(sida.locator("#arendepanel #arende-rubrik")).to_contain_text(aldre.nummer)
    expect(sida).to_have_url(f"{live_server.url}/?oppen={aldre.nummer}")
    sida.go_back()
    expect(sida).to_have_url(f"{live_server.url}/?oppen={arende.nummer}")
    expect(sida.locator("#arendepanel #arende-rubrik")).to_contain_text(arende.nummer)

    # At 200 % zoom or on a narrow screen there is one column, and Enter opens the page.
    sida.set_viewport_size({"width": 700, "height": 900})
    sida.goto(f"{live_server.url}/")
    sida.keyboard.press("j")
    sida.keyboard.press("Enter")
    expect(sida).to_have_url(f"{live_server.url}/arenden/{arende.nummer}/")
    expect(sida.locator("h1")).to_contain_text(arende.nummer)
