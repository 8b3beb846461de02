"""Generated requests against every API operation: no 5xx, every answer as the schema says.

schemathesis reads our OpenAPI schema from /api/schema/ through the Django WSGI application
and sends a bounded, deterministic number of generated requests to each operation (valid
and invalid input), logged in by session with the CSRF token, as a browser would be.
"""

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from arenden import services
from kunskapsbank import services as kb_services
from kunskapsbank.models import ArtikelStatus, Malgrupp

# Examples per operation; with a fixed seed (derandomize) every run sends the same requests.
EXEMPEL_PER_OPERATION = 20


# The schema is read at collection, before any database exists: generating it touches none.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def befintliga(teamledare, vagledare, kategori_snabb, kategori_diarieford, forvaltning_a):
    """An ärende and a published article for the generated requests to act on."""
    kontakt = services.kontakt_hitta_eller_skapa(namn="Eva Ek", epost="eva@example.se")
    arende = services.arende_skapa(
        rubrik="Trasig gatlampa",
        kanal="telefon",
        av=vagledare,
        kontakt=kontakt,
        kategori=kategori_snabb,
    )
    artikel = kb_services.artikel_skapa(
        fraga="Hur ansöker jag om bygglov?",
        svar="<p>Ansök om bygglov via e-tjänsten.</p>",
        forvaltning=forvaltning_a,
        malgrupp=Malgrupp.PUBLIK,
        agare=None,
        av=teamledare,
    )
    for steg in (ArtikelStatus.GRANSKNING, ArtikelStatus.PUBLICERAD):
        artikel = kb_services.artikel_byt_status(artikel=artikel, av=teamledare, status=steg)
    return {"nummer": arende.nummer, "artikel_id": artikel.pk}


@pytest.fixture
def i_testens_transaktion(db, inloggning):
    """Keep the production WSGI application inside the test's transaction.

    The handler closes the database connection after each request (request_finished); like
    Django's own test client, the test keeps it open so the test transaction survives. (After
    the login: the test client reconnects the handler when its own request ends.)
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def inloggning(teamledare):
    """Session and CSRF headers of a teamledare who is also the växel and the e-tjänst platform.

    One login reaches every operation, the integration endpoints included.
    """
    for grupp in ("vaxel", "etjanstplattform"):
        teamledare.groups.add(Group.objects.get(name=grupp))
    klient = Client()
    klient.force_login(teamledare)
    klient.get("/")
    sessionid = klient.cookies["sessionid"].value
    csrf = klient.cookies["csrftoken"].value
    return {"sessionid": sessionid, "csrftoken": csrf}


@schema.parametrize()
@settings(
    max_examples=EXEMPEL_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_foljer_schemat(case, inloggning, i_testens_transaktion, befintliga):
    """No generated request gives a server error; every answer matches the schema."""
    # Half the generated ids name a real ärende or article, so the operations behind the
    # 404 run too; the other half exercise the 404.
    for namn, varde in (case.path_parameters or {}).items():
        if namn in befintliga and len(str(varde)) % 2 == 0:
            case.path_parameters[namn] = befintliga[namn]
    svar = case.call(cookies=inloggning, headers={"X-CSRFToken": inloggning["csrftoken"]})
    assert svar.status_code < 500, (case.method, case.path, svar.text[:500])
    case.validate_response(
        svar,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
