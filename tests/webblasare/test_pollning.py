"""The queue asks for new ärenden every 20 s while it is shown, and not from a hidden tab."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_pollning_bara_nar_fliken_syns(sida, logga_in):
    """Two 20-second ticks in a hidden tab ask nothing; the first tick when shown asks."""
    fragor = []
    sida.on("request", lambda r: fragor.append(r.url) if "/ko/nya/" in r.url else None)
    sida.clock.install()
    logga_in("vagledare")
    expect(sida.locator("#ko-poll")).to_have_count(1)

    # when: the tab is hidden (another window in front) for two ticks
    sida.evaluate("Object.defineProperty(document, 'hidden', {value: true, configurable: true})")
    sida.clock.run_for(41_000)
    dolda = len(fragor)

    # and then shown again for one tick
    sida.evaluate("Object.defineProperty(document, 'hidden', {value: false, configurable: true})")
    with sida.expect_response(lambda r: "/ko/nya/" in r.url) as svar:
        sida.clock.run_for(21_000)

    # then
    assert dolda == 0
    assert svar.value.status == 204
