"""Headless Chromium finds no Content-Security-Policy violation on the key pages.

The browser enforces the real header, so an inline script, a style attribute, htmx's
injected indicator styles or an eval anywhere on these pages shows up as a violation.
"""

import shutil

import pytest
from django.db import connection
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOSENORD = "kontaktcenter-test-9f3k"

# Reports every violation into window.__csp, before any of the page's own scripts run.
LYSSNARE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


@pytest.fixture
def webblasare(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium saknas: make test installerar det (DEBIAN_TESTPAKET)."
    with sync_playwright() as p:
        # Inside Playwright's event loop Django keeps a connection of its own; an earlier
        # browser test's clean-up (which terminates other backends) may have killed it.
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        blasare = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        flik = blasare.new_page()
        flik.add_init_script(LYSSNARE)
        konsol = []
        flik.on(
            "console",
            lambda m: konsol.append(m.text) if "Content Security Policy" in m.text else None,
        )
        flik.konsol = konsol
        yield flik
        blasare.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _overtradelser(flik) -> list[str]:
    # Redoc's sidebar tries to show Redocly's logo from their CDN (and hides it when that
    # fails): refusing it is the policy working, not a page broken by it.
    return [
        fel
        for fel in flik.evaluate("window.__csp") + flik.konsol
        if "https://cdn.redoc.ly/" not in fel
    ]


def test_inga_overtradelser_pa_nyckelsidorna(
    webblasare, live_server, teamledare, arende, statuslank
):
    """Login, queue, ärende, quick form with its htmx suggestion, statistics, public pages."""
    flik = webblasare
    teamledare.set_password(LOSENORD)
    teamledare.save()
    besokta = []

    def besok(adress: str) -> None:
        flik.goto(f"{live_server.url}{adress}")
        flik.wait_for_load_state("networkidle")
        besokta.append((adress, _overtradelser(flik)))

    besok("/logga-in/")
    flik.fill("#id_username", "teamledare")
    flik.fill("#id_password", LOSENORD)
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
    flik.fill("#fraga", "Felanmälan gata: trasig gatlampa")
    expect(flik.locator("#forslag")).to_contain_text("Felanmälan gata")
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
