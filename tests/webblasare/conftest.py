"""Browser tests: the system's Chromium driven by Playwright against a live test server.

One Chromium per test session (starting it is the slow part), a fresh browser context per
test (its own cookies), the demo kommun from `seed_demo` in the live server's database, and
three helpers every flow uses: `logga_in(anvandarnamn)`, `axe(sida, namn)` and
`skarmbild(sida, namn)`.

axe-core comes from the axe-playwright-python wheel, which ships `axe.min.js` inside the
package: it is injected with `page.evaluate`, so nothing is fetched at test time and it runs
offline like every other test.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect, sync_playwright

from arenden.behorighet import Roll
from arenden.demodata.anvandare import DEMOLOSENORD
from arenden.models import Arbetsdag
from arenden.statistik.kalendertabell import SISTA_DATUM_VID_START, arbetsdag_fyll

# Where the screenshots go: $ARTEFAKTER, or tests/artefakter/ (git-ignored).
ARTEFAKTER = Path(os.environ.get("ARTEFAKTER") or Path(__file__).parent.parent / "artefakter")

# The desktop a kommunvägledare works at; screenshots are taken at this size.
SKRIVBORD = {"width": 1280, "height": 800}

# axe rules run: WCAG 2.0/2.1 A and AA plus axe's best practices (landmarks, one h1, …).
AXE_REGLER = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What fails a test; "moderate" and "minor" findings are printed, not failed.
ALLVARLIGA = {"serious", "critical"}


@pytest.fixture(scope="session")
def chromium():
    """Launch the system's Chromium once for all browser tests; no browser of Playwright's own."""
    sokvag = shutil.which("chromium") or shutil.which("chromium-browser")
    if not sokvag:
        pytest.fail("Chromium saknas: make test installerar det (DEBIAN_TESTPAKET).")
    # Playwright's sync API keeps an event loop in this thread for as long as the browser
    # lives; the tests' own ORM calls stay synchronous, so Django's guard against ORM calls
    # from async code does not apply to them.
    tidigare = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        webblasare = p.chromium.launch(executable_path=sokvag, args=["--no-sandbox"])
        yield webblasare
        webblasare.close()
    if tidigare is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = tidigare


# What the migrations put in the database besides the schema. A live-server test is
# transactional, and the flush after an earlier one removed it; it is put back here in about
# a second, rather than with serialized_rollback, which reloads the 22,000 calendar rows one
# by one (some 20 s a test on a busy machine).
MIGRATIONSGRUPPER = (*Roll.ALLA, "vaxel", "etjanstplattform")


@pytest.fixture
def demo(transactional_db):
    """The demo kommun: four users (one per role), the catalogue, 100 ärenden, the kunskapsbank."""
    for namn in MIGRATIONSGRUPPER:
        Group.objects.get_or_create(name=namn)
    if not Arbetsdag.objects.exists():
        arbetsdag_fyll(till=SISTA_DATUM_VID_START)
    call_command("seed_demo", arenden=100, dagar=45, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def kontext(chromium, live_server, demo):
    """A fresh browser context (no cookies) on the desktop size; closed after the test."""
    ctx = chromium.new_context(viewport=SKRIVBORD, locale="sv-SE", base_url=live_server.url)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()
    # The live server answers each request in a thread of its own, whose persistent database
    # connection (CONN_MAX_AGE) outlives the thread and would keep the test database from
    # being flushed and dropped.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def sida(kontext):
    return kontext.new_page()


@pytest.fixture
def logga_in(sida):
    """Return logga_in(anvandarnamn): log in through the login form with the keyboard alone."""

    def logga_in_(anvandarnamn: str):
        # Leave the last page first, so that no request of its still in flight can set a
        # new CSRF cookie after the login form was served; then start without cookies.
        sida.goto("about:blank")
        sida.context.clear_cookies()
        sida.goto("/logga-in/")
        expect(sida.locator("#id_username")).to_be_focused()
        sida.keyboard.type(anvandarnamn)
        sida.keyboard.press("Tab")
        sida.keyboard.type(DEMOLOSENORD)
        sida.keyboard.press("Enter")
        expect(sida.locator(".anvandare")).to_be_visible()
        return sida

    return logga_in_


def axe_fynd(sida) -> list[dict]:
    """Run axe-core on the page as it is now; return every violation it finds."""
    resultat = Axe().run(
        sida,
        options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": AXE_REGLER}},
    )
    return resultat.response["violations"]


def axe_rapport(fynd: list[dict]) -> str:
    """List the violations as rule, impact, targets and help, one block per rule."""
    rader = []
    for f in fynd:
        rader.append(f"- {f['id']} ({f['impact']}): {f['help']} [{f['helpUrl']}]")
        for nod in f["nodes"][:8]:
            rader.append(f"    {' '.join(map(str, nod['target']))}: {nod['failureSummary']!r}")
        if len(f["nodes"]) > 8:
            rader.append(f"    … och {len(f['nodes']) - 8} till")
    return "\n".join(rader)


@pytest.fixture
def axe():
    """Return axe(sida, namn): fail on serious or critical axe-core violations on the page."""

    def kontrollera(sida, namn: str) -> None:
        fynd = axe_fynd(sida)
        allvarliga = [f for f in fynd if f["impact"] in ALLVARLIGA]
        ovriga = [f for f in fynd if f["impact"] not in ALLVARLIGA]
        if ovriga:
            print(f"\naxe, {namn} ({sida.url}), mindre allvarligt:\n{axe_rapport(ovriga)}")
        assert not allvarliga, (
            f"axe-core: {len(allvarliga)} allvarliga brister på {namn} ({sida.url}):\n"
            + axe_rapport(allvarliga)
        )

    return kontrollera


@pytest.fixture
def skarmbild():
    """Return skarmbild(sida, namn): save a PNG of the page into the artifacts directory."""
    ARTEFAKTER.mkdir(parents=True, exist_ok=True)

    def spara(sida, namn: str, *, hela: bool = False) -> Path:
        fil = ARTEFAKTER / f"{namn}.png"
        sida.screenshot(path=str(fil), full_page=hela)
        return fil

    return spara
