"""API keys for integrations: they work, can be revoked, and are never stored in clear text."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from inloggning.models import ApiNyckel
from tests.factories import ArendeFactory

pytestmark = pytest.mark.django_db

LISTA = "/api/v1/arenden/"


def skapa_token(*argument) -> tuple[str, str]:
    ut, fel = StringIO(), StringIO()
    call_command("skapa_token", *argument, stdout=ut, stderr=fel)
    return ut.getvalue().strip(), fel.getvalue()


def med_nyckel(nyckel: str):
    return APIClient().get(LISTA, HTTP_AUTHORIZATION=f"Token {nyckel}")


def test_nyckeln_loggar_in_integrationen_som_sin_anvandare(kommun, vagledare):
    """The printed key logs the integration in as its service user."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    nyckel, _ = skapa_token("vagledare", "--integration", "Växeln")

    svar = med_nyckel(nyckel)

    assert re.fullmatch(r"kc_[a-z0-9]{8}_[A-Za-z0-9_-]{43}", nyckel)
    assert svar.status_code == 200, svar.content
    assert {rad["nummer"] for rad in svar.json()["results"]} == {arende.nummer}


def test_aterkallad_nyckel_ger_401(vagledare):
    """A revoked key is refused at once with 401 and a Swedish message saying so."""
    nyckel, _ = skapa_token("vagledare", "--integration", "Växeln")
    prefix = ApiNyckel.objects.get().prefix
    assert med_nyckel(nyckel).status_code == 200

    ut, _ = skapa_token("--aterkalla", prefix)
    svar = med_nyckel(nyckel)

    assert f"Återkallad: {prefix}" in ut
    assert svar.status_code == 401
    assert svar["WWW-Authenticate"] == "Token"
    assert svar.json()["code"] == "nyckel_aterkallad"
    assert "återkallad" in svar.json()["message"]


@pytest.mark.parametrize(
    "forandring",
    [
        lambda n: n[:-1] + ("A" if n[-1] != "A" else "B"),  # the secret is wrong
        lambda n: "kc_zzzzzzzz_" + n.split("_", 2)[2],  # the prefix is unknown
        lambda n: "0" * 40,  # the old authtoken shape, never issued
        lambda n: "nonsens",
    ],
    ids=["fel-hemlighet", "okant-prefix", "gammal-form", "nonsens"],
)
def test_fel_nyckel_ger_401(vagledare, forandring):
    """A key that was not issued is 401 nyckel_ogiltig, whatever part of it is wrong."""
    nyckel, _ = skapa_token("vagledare")

    svar = med_nyckel(forandring(nyckel))

    assert svar.status_code == 401
    assert svar.json()["code"] == "nyckel_ogiltig"
    assert svar.json()["message"].startswith("API-nyckeln är ogiltig")


def test_utan_nyckel_ger_401_med_utmaning(db):
    """An integration that sends nothing is told how to authenticate."""
    svar = APIClient().get(LISTA)

    assert svar.status_code == 401
    assert svar["WWW-Authenticate"] == "Token"
    assert svar.json()["code"] == "inte_inloggad"


def test_nyckeln_finns_inte_i_klartext_i_databasen(vagledare):
    """Only the prefix and a SHA-256 are stored; the secret is nowhere in the table."""
    nyckel, _ = skapa_token("vagledare")
    hemlighet = nyckel.split("_", 2)[2]

    with connection.cursor() as markor:
        markor.execute("SELECT * FROM inloggning_apinyckel")
        rader = markor.fetchall()

    assert len(rader) == 1
    text = " ".join(str(v) for v in rader[0])
    assert hemlighet not in text
    assert nyckel not in text


def test_nyckeln_skrivs_ut_en_gang_och_listas_utan_hemlighet(vagledare):
    """Each run makes a new key; --lista shows prefix, integration and user, never a secret."""
    forsta, varning = skapa_token("vagledare", "--integration", "Växeln")
    andra, _ = skapa_token("vagledare", "--integration", "E-tjänsteplattformen")

    lista, _ = skapa_token("--lista")

    assert forsta != andra
    assert "bara som hash" in varning
    for nyckel in (forsta, andra):
        prefix, hemlighet = nyckel.split("_", 2)[1:]
        assert prefix in lista
        assert hemlighet not in lista
    assert "Växeln" in lista and "E-tjänsteplattformen" in lista
    assert lista.count("aktiv") == 2


def test_ny_aterkallar_tidigare_nycklar(vagledare):
    """--ny replaces the user's keys: the old one stops working at once."""
    gammal, _ = skapa_token("vagledare")
    ny, _ = skapa_token("vagledare", "--ny")

    assert med_nyckel(gammal).status_code == 401
    assert med_nyckel(ny).status_code == 200


def test_senast_anvand_skrivs_hogst_en_gang_per_minut(vagledare):
    """Last-used is recorded on use, and not rewritten on every call within the minute."""
    nyckel, _ = skapa_token("vagledare")
    assert ApiNyckel.objects.get().senast_anvand is None

    med_nyckel(nyckel)
    forsta = ApiNyckel.objects.get().senast_anvand
    med_nyckel(nyckel)
    andra = ApiNyckel.objects.get().senast_anvand
    ApiNyckel.objects.update(senast_anvand=timezone.now() - timedelta(minutes=2))
    med_nyckel(nyckel)
    tredje = ApiNyckel.objects.get().senast_anvand

    assert forsta is not None
    assert andra == forsta
    assert tredje > forsta


def test_inaktiverad_anvandare_ger_401(vagledare):
    """A key of a deactivated service user no longer works."""
    nyckel, _ = skapa_token("vagledare")
    vagledare.is_active = False
    vagledare.save()

    svar = med_nyckel(nyckel)

    assert svar.status_code == 401
    assert svar.json()["code"] == "nyckel_konto_inaktivt"


def test_okand_anvandare_och_okant_prefix_ar_tydliga_fel(db):
    """Unknown users and prefixes are clear Swedish errors, not tracebacks."""
    with pytest.raises(CommandError, match="Det finns ingen användare som heter ”vaxeln”"):
        skapa_token("vaxeln")
    with pytest.raises(CommandError, match="ingen API-nyckel med prefixet ”abcdefgh”"):
        skapa_token("--aterkalla", "abcdefgh")


def test_admin_listar_och_aterkallar_utan_att_visa_hemligheten(client, vagledare):
    """Django admin lists keys by prefix and revokes them; the secret is never on the page."""
    from tests.factories import UserFactory

    admin = UserFactory(username="superadmin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    nyckel, _ = skapa_token("vagledare", "--integration", "Växeln")
    rad = ApiNyckel.objects.get()

    lista = client.get("/admin/inloggning/apinyckel/")
    sida = client.get(f"/admin/inloggning/apinyckel/{rad.pk}/change/")
    svar = client.post(
        "/admin/inloggning/apinyckel/",
        {"action": "aterkalla", "_selected_action": [rad.pk]},
        follow=True,
    )

    assert lista.status_code == 200 and sida.status_code == 200
    for html in (lista.content.decode(), sida.content.decode()):
        assert rad.prefix in html
        assert nyckel.split("_", 2)[2] not in html
        assert rad.hash not in html
    assert "1 nyckel återkallad" in svar.content.decode()
    assert med_nyckel(nyckel).status_code == 401
    assert client.get("/admin/inloggning/apinyckel/add/").status_code == 403


def test_schemat_beskriver_nyckeln(db):
    """The OpenAPI document names the API key scheme and how to get a key."""
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()

    schema_def = schema["components"]["securitySchemes"]["apiNyckel"]
    assert schema_def["type"] == "apiKey"
    assert "skapa_token" in schema_def["description"]
