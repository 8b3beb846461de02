"""Headless Chromium finds no Content-Security-Policy violation on the key pages.

The browser enforces the real header, so an inline script, a style attribute, htmx's
injected indicator styles or an eval anywhere on these pages shows up as a violation.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from arenden import services, statuslankar
from arenden.demodata.anvandare import DEMOLOSENORD

pytestmark = pytest.mark.django_db(transaction=True)

# Reports every violation into window.__csp, before any of the page's own scripts run.
LYSSNARE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


def _overtradelser(flik) -> list[str]:
    # Redoc's sidebar tries to show Redocly's logo from their CDN (and hides it when that
    # fails): refusing it is the policy working, not a page broken by it.
    return [
        fel
        for fel in flik.evaluate("window.__csp") + flik.konsol
        if "https://cdn.redoc.ly/" not in fel
    ]


def test_inga_overtradelser_pa_nyckelsidorna(sida, live_server):
    """Login, queue, ärende, quick form with its htmx suggestion, statistics, public pages."""
    flik = sida
    flik.add_init_script(LYSSNARE)
    konsol = []
    flik.on(
        "console",
        lambda m: konsol.append(m.text) if "Content Security Policy" in m.text else None,
    )
    flik.konsol = konsol
    teamledare = get_user_model().objects.get(username="teamledare")
    arende = services.arende_skapa(
        rubrik="Trasig gatlampa på Storgatan", kanal="telefon", av=teamledare
    )
    statuslank = statuslankar.statuslank_hamta_eller_skapa(arende=arende)
    besokta = []

    def besok(adress: str) -> None:
        flik.goto(f"{live_server.url}{adress}")
        flik.wait_for_load_state("networkidle")
        besokta.append((adress, _overtradelser(flik)))

    besok("/logga-in/")
    flik.fill("#id_username", "teamledare")
    flik.fill("#id_password", DEMOLOSENORD)
    flik.press("#id_password", "Enter")
    expect(flik).to_have_url(f"{live_server.url}/")
    besokta.append(("/ (efter inloggning)", _overtradelser(flik)))

    # The queue's filter swaps its result with htmx (indicator, no eval).
    flik.fill("#q", "gatlampa")
    expect(flik.locator("body")).to_contain_text(arende.nummer)
    flik.wait_for_load_state("networkidle")
    besokta.append(("/ (filter med htmx)", _overtradelser(flik)))

    besok(f"/arenden/{arende.nummer}/")
    besok("/telefon/")
    flik.fill("#fraga", "Felanmälan gatljus: trasig gatlampa")
    expect(flik.locator("#forslag")).to_contain_text("Felanmälan gatljus")
    besokta.append(("/telefon/ (förslag med htmx)", _overtradelser(flik)))
    besok("/statistik/")
    besok("/kunskapsbank/artiklar/ny/")
    # The API documentation: its relaxed policy (inline styles) must be enough to render.
    besok("/api/docs/")
    expect(flik.locator(".swagger-ui .info")).to_contain_text("Kontaktcenter API")
    besok("/api/redoc/")
    expect(flik.locator("redoc")).to_contain_text("Kontaktcenter API")
    besok("/kontakta-oss/")
    besok("/fragor/")
    besok(f"/arende/{statuslank.token}/")

    assert [(adress, fel) for adress, fel in besokta if fel] == []
