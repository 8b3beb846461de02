"""Calls registered with the keyboard alone, timed; the second answered with a kunskapsartikel.

The kommunvägledare is in the work queue when the phone rings: "s" opens the quick form with
the cursor in the question, she types, the kategori suggestion appears, Enter saves. One
screen, one POST, no mouse. The next caller's question has an article in the kunskapsbank:
she opens "Mer", notes the answer she gave and the article's number, and Enter saves again.
"""

import time

import pytest
from playwright.sync_api import expect

from arenden.models import Arende, Kanal, Status, Utfall
from kunskapsbank.models import Anvandning, Kunskapsartikel

pytestmark = pytest.mark.django_db(transaction=True)


def test_samtal_med_bara_tangentbordet(sida, logga_in, axe, skarmbild, live_server):
    """Shortcut, type, Enter: a solved call in well under 30 s; the next with an article."""
    logga_in("vagledare")
    fore = set(Arende.objects.values_list("pk", flat=True))
    posts = []
    sida.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    borjan = time.monotonic()

    # when: "s" from the queue, the question typed where the cursor already is, Enter.
    sida.keyboard.press("s")
    expect(sida).to_have_url(f"{live_server.url}/telefon/")
    expect(sida.locator("#fraga")).to_be_focused()
    sida.keyboard.type("Felanmälan väg och gata: potthål på Storgatan")
    expect(sida.locator("#forslag")).to_contain_text("Felanmälan väg och gata")
    sida.keyboard.press("Enter")
    expect(sida.locator("#meddelanden")).to_contain_text("Registrerat:")
    tid = time.monotonic() - borjan

    # then
    arende = Arende.objects.exclude(pk__in=fore).get()
    assert (arende.kanal, arende.status, arende.utfall) == (
        Kanal.TELEFON,
        Status.AVSLUTAD,
        Utfall.LOST_AV_KONTAKTCENTER,
    )
    assert arende.kategori.namn == "Felanmälan väg och gata"
    assert posts == [f"{live_server.url}/telefon/"]
    expect(sida.locator("#fraga")).to_be_focused()
    print(f"\nSamtal registrerat med tangentbordet på {tid:.2f} s (inklusive skrivandet).")
    assert tid < 30

    # when: the next caller; the answer comes from a kunskapsartikel.
    artikel = Kunskapsartikel.objects.get(fraga="Gatlampan är trasig, hur felanmäler jag?")
    fore.add(arende.pk)
    sida.keyboard.type("Felanmälan gatljus: lampan lyser inte utanför Skolgatan 4")
    expect(sida.locator("#forslag")).to_contain_text("Felanmälan gatljus")
    # Tab past kategori, the outcome (already "Löst direkt") and "Kopplat till" to "Mer".
    for _ in range(4):
        sida.keyboard.press("Tab")
    expect(sida.locator("details summary")).to_be_focused()
    sida.keyboard.press("Enter")
    sida.keyboard.press("Tab")
    expect(sida.locator("#svar")).to_be_focused()
    sida.keyboard.type("Felanmäld via kunskapsbankens svar; lampan lagas inom fem arbetsdagar.")
    sida.keyboard.press("Tab")
    expect(sida.locator("#kunskapsartikel")).to_be_focused()
    sida.keyboard.type(str(artikel.pk))
    axe(sida, "snabbregistrering av samtal, ifylld")
    skarmbild(sida, "03-snabbregistrering")
    sida.keyboard.press("Enter")
    expect(sida.locator("#meddelanden")).to_contain_text("Registrerat:")

    # then: solved with the article, and the kunskapsbank counts the use.
    andra = Arende.objects.exclude(pk__in=fore).get()
    assert (andra.status, andra.utfall) == (Status.AVSLUTAD, Utfall.KUNSKAPSARTIKEL)
    assert andra.kategori.namn == "Felanmälan gatljus"
    assert Anvandning.objects.filter(artikel=artikel, arende=andra).exists()
    assert len(posts) == 2
    axe(sida, "snabbregistrering av samtal, efter sparat")
