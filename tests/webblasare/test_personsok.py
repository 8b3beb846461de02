"""In headless Chromium: a personnummer typed in the queue's search never reaches a URL."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from arenden import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_personnummer_i_kons_sokruta_postas_till_personsokningen(sida, logga_in, live_server):
    """A word is searched as you type, in the URL; a personnummer typed key by key and sent
    with Enter goes in a POST body to the person search, and in no URL at all."""
    vagledare = get_user_model().objects.get(username="vagledare")
    kalle = services.kontakt_hitta_eller_skapa(
        namn="Kalle Karlsson", epost="kalle@example.se", personnummer="19811218-9876"
    )
    arende = services.arende_skapa(rubrik="Bygglov", kanal="epost", av=vagledare, kontakt=kalle)
    services.arende_skapa(rubrik="Trasig gatlampa", kanal="epost", av=vagledare)
    adresser = []
    sida.on("request", lambda r: adresser.append(r.url))
    logga_in("vagledare")

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
