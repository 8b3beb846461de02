"""Failed staff logins are throttled (django-axes): locked per username and address."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOSEN = "ett-langt-losenord-123"


@pytest.fixture
def med_losenord(vagledare):
    vagledare.set_password(LOSEN)
    vagledare.save()
    return vagledare


def logga_in(client, losenord: str, adress: str = "192.0.2.10", sokvag: str = "/logga-in/"):
    return client.post(sokvag, {"username": "vagledare", "password": losenord}, REMOTE_ADDR=adress)


def inloggad(client) -> bool:
    return "_auth_user_id" in client.session


def test_fem_fel_sparrar_inloggningen_med_svenskt_besked(client, med_losenord):
    """After five wrong passwords even the right one is refused for 15 minutes, in Swedish."""
    for _ in range(4):
        assert logga_in(client, "fel").status_code == 200
    femte = logga_in(client, "fel")
    ratt = logga_in(client, LOSEN)

    html = ratt.content.decode()
    assert femte.status_code == 429
    assert ratt.status_code == 429
    assert not inloggad(client)
    assert "Inloggningen är spärrad efter 5 misslyckade försök." in html
    assert "Försök igen om 15 minuter." in html
    assert 'href="/logga-in/"' in html


def test_sparren_galler_anvandarnamn_och_adress_tillsammans(client, med_losenord):
    """The same username from another address still logs in: a colleague's typos lock no one."""
    for _ in range(5):
        logga_in(client, "fel", adress="192.0.2.10")

    svar = logga_in(client, LOSEN, adress="198.51.100.7")

    assert svar.status_code == 302
    assert inloggad(client)


def test_lyckad_inloggning_nollstaller_raknaren(client, med_losenord):
    """A successful login forgets the earlier failures."""
    for _ in range(4):
        logga_in(client, "fel")
    assert logga_in(client, LOSEN).status_code == 302
    client.post("/logga-ut/")
    for _ in range(4):
        logga_in(client, "fel")

    assert logga_in(client, LOSEN).status_code == 302


def test_administrator_haver_sparren_med_axes_reset(client, med_losenord):
    """`manage.py axes_reset_username` lets the locked-out user in again at once."""
    for _ in range(5):
        logga_in(client, "fel")
    assert logga_in(client, LOSEN).status_code == 429

    call_command("axes_reset_username", "vagledare", stdout=StringIO())

    assert logga_in(client, LOSEN).status_code == 302
    assert inloggad(client)


def test_adminsidans_inloggning_raknas_ocksa(client, med_losenord):
    """Django admin's login goes through the same throttle."""
    for _ in range(5):
        logga_in(client, "fel", sokvag="/admin/login/")

    assert logga_in(client, LOSEN).status_code == 429


def test_bakom_proxy_raknas_klientens_adress(client, med_losenord, settings):
    """Behind a trusted proxy the client's address from X-Forwarded-For is what is counted."""
    settings.BETRODDA_PROXYER = 1

    def via_proxy(losenord, klient_adress):
        return client.post(
            "/logga-in/",
            {"username": "vagledare", "password": losenord},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.99, {klient_adress}",
        )

    for _ in range(5):
        via_proxy("fel", "192.0.2.50")

    assert via_proxy(LOSEN, "192.0.2.50").status_code == 429
    assert via_proxy(LOSEN, "192.0.2.51").status_code == 302


def test_testklientens_login_fungerar_med_sparren(client, med_losenord):
    """`client.login` (no request to count) still works: axes steps aside for it."""
    assert client.login(username="vagledare", password=LOSEN)
    assert not client.login(username="vagledare", password="fel")
