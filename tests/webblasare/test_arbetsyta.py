"""The workspace with the keyboard alone in headless Chromium.

The kommunvägledare is in the queue on a wide screen: "j" marks the first ärende, Enter
opens it beside the queue, "?" lists the shortcuts, "t" takes it, "s" puts the cursor in
the reply, "#" opens the svarsmallar, Enter inserts one filled in for this ärende, and the
answer is sent, without a mouse and without leaving the page. On a narrow screen the
same keys open the full ärende page instead.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from arenden.models import Kanal, Meddelande, Status, Svarsmall
from tests.factories import ArendeFactory, KontaktFactory

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


def test_oppna_ta_och_besvara_med_svarsmall_bara_med_tangentbordet(
    sida, logga_in, axe, skarmbild, live_server
):
    """j, Enter, ?, Esc, t, s, #, Enter, Tab, Enter: the ärende is answered in the pane;
    then j, o open the next one and Back returns to the first."""
    vagledare = User.objects.get(username="vagledare")
    Svarsmall.objects.create(
        titel="Tack för ditt samtal", text="Hej {namn}! Gäller {arendenummer}."
    )
    aldre = ArendeFactory(av=vagledare, kanal=Kanal.EPOST, rubrik="Fråga om sophämtning")
    arende = ArendeFactory(
        av=vagledare,
        kanal=Kanal.TELEFON,
        rubrik="Fråga om parkeringstillstånd",
        kontakt=KontaktFactory(namn="Greta Gran"),
    )
    # Wide enough for the queue and the ärende side by side.
    sida.set_viewport_size({"width": 1600, "height": 1000})
    logga_in("vagledare")

    # when: j marks the first row, Enter opens it beside the queue
    sida.keyboard.press("j")
    expect(sida.locator(f"#rad-{arende.nummer} a.oppna")).to_be_focused()
    sida.keyboard.press("Enter")
    panel = sida.locator("#arendepanel")
    expect(panel.locator("#arende-rubrik")).to_contain_text(arende.nummer)
    expect(panel.locator("#arende-rubrik")).to_be_focused()
    expect(sida).to_have_url(f"{live_server.url}/?oppen={arende.nummer}")
    expect(sida.locator("h1")).to_have_text("Arbetskö")  # the queue is still there
    axe(sida, "arbetsytan med ett ärende öppet bredvid kön")
    skarmbild(sida, "02-arbetsyta")

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
    expect(sida.locator(f"#rad-{arende.nummer}")).to_contain_text(vagledare.get_full_name())

    # "s" puts the cursor in the reply; "#" opens the svarsmallar, typing filters them
    sida.keyboard.press("s")
    svar = sida.locator("#svar-text")
    expect(svar).to_be_focused()
    sida.keyboard.type("#")
    expect(sida.locator("#svarsmall-dialog")).to_be_visible()
    expect(sida.locator("#svarsmall-filter")).to_be_focused()
    sida.keyboard.type("samtal")
    expect(sida.locator("#svarsmall-alternativ [aria-selected='true']")).to_contain_text(
        "Tack för ditt samtal"
    )
    sida.keyboard.press("Enter")
    expect(sida.locator("#svarsmall-dialog")).to_be_hidden()
    expect(svar).to_be_focused()
    expect(svar).to_have_value(f"Hej Greta Gran! Gäller {arende.nummer}.")

    # Tab to "Skicka svar", Enter (once the pane's own requests, such as the kunskapsbank
    # panel's search, have come back: a swap landing mid-keystroke may move the focus)
    sida.wait_for_load_state("networkidle")
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
