"""The main menu, rendered once per worker for each language, page and set of entries: each
role still sees its own entries, and the current page is marked on every page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _meny(client, user, url="/") -> str:
    client.force_login(user)
    html = client.get(url).content.decode()
    return re.search(r'<nav class="huvudmeny".*?</nav>', html, re.S).group(0)


def test_varje_roll_far_sin_egen_meny_fast_den_ar_cachad(client, vagledare, teamledare):
    for _ in range(2):  # the second round comes from the cache
        vagledarens = _meny(client, vagledare)
        teamledarens = _meny(client, teamledare)
        assert "Statistik" not in vagledarens
        assert "Statistik" in teamledarens
        assert "Registrera" in vagledarens


def test_aktuell_sida_markeras_pa_varje_sida(client, vagledare):
    ko = _meny(client, vagledare, "/")
    paminnelser = _meny(client, vagledare, "/paminnelser/")

    assert re.search(r'href="/"\s+aria-current="page"', ko)
    assert 'href="/paminnelser/" aria-current' not in ko
    assert re.search(r'href="/paminnelser/"\s+aria-current="page"', paminnelser)
    assert not re.search(r'href="/"\s+aria-current', paminnelser)
