"""Single sign-on with the kommun's OpenID provider, end to end against a loopback provider."""

import importlib

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import clear_url_caches

import kontaktcenter.urls
from arenden.behorighet import Roll, roller
from arenden.models import Medarbetare
from tests.factories import UserFactory, anvandare_med_roll
from tests.inloggning.fejk_idp import KLIENT_HEMLIGHET, KLIENT_ID, FejkIdp

pytestmark = pytest.mark.django_db

GRUPPMAPPNING = {
    "kc-vagledare": Roll.KOMMUNVAGLEDARE,
    "kc-handlaggare": Roll.HANDLAGGARE,
    "kc-teamledare": Roll.TEAMLEDARE,
}


def _ladda_om_urls():
    importlib.reload(kontaktcenter.urls)
    clear_url_caches()


@pytest.fixture
def idp():
    with FejkIdp() as leverantor:
        yield leverantor


@pytest.fixture
def sso(settings, idp):
    """Kontaktcenter configured as the environment would: OIDC_* and the group mapping."""
    settings.OIDC_RP_CLIENT_ID = KLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = KLIENT_HEMLIGHET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{idp.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{idp.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{idp.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{idp.url}/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_TIMEOUT = 5
    settings.LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "inloggning.sso.KommunensOidcBackend",
    ]
    settings.KONTAKTCENTER_INLOGGNING = {
        **settings.KONTAKTCENTER_INLOGGNING,
        "SSO": True,
        "GRUPPMAPPNING": GRUPPMAPPNING,
        "KOMMUN_CLAIM": "kommunkod",
        "FORVALTNING_CLAIM": "forvaltning",
    }
    _ladda_om_urls()
    yield idp
    # Runs before the settings fixture restores them: switch SSO off for the reload.
    settings.KONTAKTCENTER_INLOGGNING = {**settings.KONTAKTCENTER_INLOGGNING, "SSO": False}
    _ladda_om_urls()


def logga_in_via_idp(client, idp, person: dict, nasta: str = ""):
    """Click "Logga in med kommunens konto", log in at the provider, come back."""
    idp.person = person
    start = client.get("/oidc/authenticate/" + (f"?next={nasta}" if nasta else ""))
    assert start.status_code == 302 and start["Location"].startswith(idp.url)
    # The browser's visit to the provider: a real HTTP request to the loopback server.
    hos_idp = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert hos_idp.status_code == 302
    tillbaka = hos_idp.headers["Location"]
    assert tillbaka.startswith("http://testserver/oidc/callback/?")
    return client.get(tillbaka.removeprefix("http://testserver"))


def person(**claims) -> dict:
    return {
        "sub": "a1b2c3",
        "preferred_username": "karin.kvist@exempelkommun.se",
        "email": "karin.kvist@exempelkommun.se",
        "given_name": "Karin",
        "family_name": "Kvist",
        **claims,
    }


def test_forsta_inloggningen_skapar_medarbetaren_med_roller_och_placering(
    client, sso, kommun, forvaltning_a
):
    """The IdP's groups become roles; kommun and förvaltning come from the claims."""
    svar = logga_in_via_idp(
        client,
        sso,
        person(
            groups=["kc-handlaggare", "kc-vagledare", "alla-anstallda"],
            kommunkod="9999",
            forvaltning="samhällsbyggnadsförvaltningen",
        ),
    )

    assert svar.status_code == 302
    assert svar["Location"] == "/"
    anvandare = get_user_model().objects.get(username="karin.kvist@exempelkommun.se")
    assert client.session["_auth_user_id"] == str(anvandare.pk)
    assert roller(anvandare) == {Roll.HANDLAGGARE, Roll.KOMMUNVAGLEDARE}
    assert (anvandare.first_name, anvandare.last_name) == ("Karin", "Kvist")
    assert not anvandare.has_usable_password()
    medarbetare = Medarbetare.objects.get(anvandare=anvandare)
    assert (medarbetare.kommun, medarbetare.forvaltning) == (kommun, forvaltning_a)
    sida = client.get("/")
    assert sida.status_code == 200
    assert "Karin Kvist" in sida.content.decode()


def test_nasta_sida_galler_efter_inloggningen(client, sso, kommun):
    """A deep link survives the round trip through the provider."""
    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]), nasta="/statistik/")

    assert svar["Location"] == "/statistik/"


def test_roller_som_idp_inte_langre_ger_tas_bort(client, sso, kommun, forvaltning_b):
    """At every login the role groups follow the IdP; other groups are left alone."""
    befintlig = anvandare_med_roll(
        Roll.TEAMLEDARE,
        kommun=kommun,
        forvaltning=forvaltning_b,
        username="karin.kvist@exempelkommun.se",
    )
    befintlig.groups.add(Group.objects.get(name="vaxel"))

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    assert svar.status_code == 302
    befintlig = get_user_model().objects.get(pk=befintlig.pk)
    assert roller(befintlig) == {Roll.KOMMUNVAGLEDARE}
    assert befintlig.groups.filter(name="vaxel").exists()
    # No förvaltning claim this time: the placement the account had is kept.
    assert Medarbetare.objects.get(anvandare=befintlig).forvaltning == forvaltning_b


def test_utan_mappad_grupp_nekas_med_svenskt_besked(client, sso, kommun):
    """Someone whose groups map to no role gets no account and a Swedish message."""
    svar = logga_in_via_idp(client, sso, person(groups=["alla-anstallda"]))

    assert svar.status_code == 302
    assert svar["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username__startswith="karin").exists()
    sida = client.get(svar["Location"]).content.decode()
    assert "Ditt konto hos kommunen har ingen roll i Kontaktcenter." in sida


def test_den_som_forlorat_sina_roller_nekas_och_mister_dem(client, sso, kommun):
    """When the IdP takes every role away, the account loses them and the login is refused."""
    befintlig = anvandare_med_roll(
        Roll.KOMMUNVAGLEDARE, kommun=kommun, username="karin.kvist@exempelkommun.se"
    )

    svar = logga_in_via_idp(client, sso, person(groups=[]))

    assert svar["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert roller(get_user_model().objects.get(pk=befintlig.pk)) == frozenset()


def test_utan_kommun_nar_flera_finns_nekas(client, sso, kommun):
    """With several kommuner and no kommun claim, nobody gets in unplaced (he would see all)."""
    from tests.factories import KommunFactory

    KommunFactory(namn="Grannkommunen", kommunkod="9998")

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    assert svar["Location"] == "/logga-in/"
    assert not get_user_model().objects.filter(username__startswith="karin").exists()
    assert "vet inte vilken kommun" in client.get("/logga-in/").content.decode()


def test_forfalskad_id_token_avvisas(client, sso, kommun):
    """An id_token not signed with the provider's published key logs no one in."""
    sso.forfalska = True

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    # mozilla-django-oidc raises SuspiciousOperation("JWS token verification failed."),
    # which Django answers with 400.
    assert svar.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username__startswith="karin").exists()


def test_id_token_for_annan_klient_avvisas(client, sso, kommun):
    """An id_token the provider issued to another application does not log in here."""
    sso.mottagare = "kommunens-intranat"

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    assert svar.status_code == 400
    assert "_auth_user_id" not in client.session


def test_userinfo_om_annan_person_avvisas(client, sso, kommun):
    """Userinfo whose sub differs from the id_token's is not trusted."""
    sso.annan_sub = True

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    assert svar["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username__startswith="karin").exists()


def test_utan_anvandarnamn_nekas_med_svenskt_besked(client, sso, kommun):
    """A provider that sends no username claim lets no one in, and says so."""
    utan = person(groups=["kc-vagledare"])
    del utan["preferred_username"]

    svar = logga_in_via_idp(client, sso, utan)

    assert svar["Location"] == "/logga-in/"
    assert "inget användarnamn" in client.get("/logga-in/").content.decode()


def test_inloggningssidan_visar_knappen_nar_sso_ar_pa(client, sso):
    sida = client.get("/logga-in/?next=/statistik/").content.decode()

    assert "Logga in med kommunens konto" in sida
    assert 'href="/oidc/authenticate/?next=/statistik/"' in sida


def test_utan_konfiguration_finns_ingen_sso(client, db):
    """Not configured: no button, no OIDC URLs, the backend is not consulted."""
    sida = client.get("/logga-in/").content.decode()

    assert "Logga in med kommunens konto" not in sida
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_lokalt_konto_med_losenord_fungerar_med_sso_pa(client, sso, vagledare):
    """Password login stays for accounts without SSO (the local administrator)."""
    vagledare.set_password("ett-langt-losenord-123")
    vagledare.save()

    svar = client.post(
        "/logga-in/", {"username": "vagledare", "password": "ett-langt-losenord-123"}
    )

    assert svar.status_code == 302
    assert client.session["_auth_user_id"] == str(vagledare.pk)


def test_okand_roll_i_mappningen_stoppas_av_systemkontrollen(settings):
    """A typo in OIDC_GRUPPMAPPNING is a start-up error naming the mapping, not a silent no."""
    from django.core import checks

    settings.KONTAKTCENTER_INLOGGNING = {
        **settings.KONTAKTCENTER_INLOGGNING,
        "GRUPPMAPPNING": {"kc-vagledare": "vagledare"},
    }

    fel = [f for f in checks.run_checks() if f.id == "inloggning.E001"]

    assert len(fel) == 1
    assert "'vagledare'" in fel[0].msg


def test_inaktiverat_konto_kommer_inte_in(client, sso, kommun):
    """An account an administrator deactivated stays out even if the IdP vouches for it."""
    inaktiv = UserFactory(username="karin.kvist@exempelkommun.se", is_active=False)

    svar = logga_in_via_idp(client, sso, person(groups=["kc-vagledare"]))

    assert svar["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert roller(get_user_model().objects.get(pk=inaktiv.pk)) == frozenset()
    assert "Ditt konto i Kontaktcenter är inaktiverat." in client.get("/logga-in/").content.decode()


def test_nekade_sso_forsok_sparrar_inte_andra_fran_samma_adress(client, sso, kommun):
    """Refusals at the IdP step are not password guesses: they lock no one out of SSO."""
    for _ in range(6):
        logga_in_via_idp(client, sso, person(groups=["alla-anstallda"]))

    svar = logga_in_via_idp(
        client, sso, person(preferred_username="olle.ost@exempelkommun.se", groups=["kc-vagledare"])
    )

    assert svar.status_code == 302 and svar["Location"] == "/"
    assert "_auth_user_id" in client.session
