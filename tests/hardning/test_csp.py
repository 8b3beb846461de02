"""Every page carries a strict Content-Security-Policy; only the API documentation relaxes it."""

import pytest

pytestmark = pytest.mark.django_db


def _direktiv(svar) -> dict[str, set[str]]:
    huvud = svar.headers["Content-Security-Policy"]
    return {delar[0]: set(delar[1:]) for delar in (d.split() for d in huvud.split(";")) if delar}


def _ar_strikt(direktiv: dict[str, set[str]]) -> None:
    assert direktiv["default-src"] == {"'self'"}
    assert direktiv["script-src"] == {"'self'"}
    assert direktiv["style-src"] == {"'self'"}
    assert direktiv["img-src"] == {"'self'", "data:"}
    assert direktiv["frame-ancestors"] == {"'none'"}
    assert direktiv["form-action"] == {"'self'"}
    assert direktiv["base-uri"] == {"'self'"}
    assert direktiv["object-src"] == {"'none'"}


SIDOR_INLOGGAD = [
    "/",
    "/arenden/nytt/",
    "/telefon/",
    "/besok/",
    "/brev/",
    "/epost/triage/",
    "/platina/",
    "/statistik/",
    "/kunskapsbank/granska/",
    "/kunskapsbank/artiklar/",
    "/kunskapsbank/artiklar/ny/",
    "/paminnelser/",
]


@pytest.mark.parametrize("adress", SIDOR_INLOGGAD)
def test_inloggade_sidor_har_strikt_csp(client, teamledare, adress):
    """The staff pages answer 200 with the strict policy."""
    client.force_login(teamledare)

    svar = client.get(adress)

    assert svar.status_code == 200, adress
    _ar_strikt(_direktiv(svar))


def test_arendesidan_har_strikt_csp(client, teamledare, arende):
    client.force_login(teamledare)

    svar = client.get(f"/arenden/{arende.nummer}/")

    assert svar.status_code == 200
    _ar_strikt(_direktiv(svar))


def test_htmx_fragment_har_strikt_csp(client, teamledare, arende):
    """A fragment swapped in by htmx carries the policy too."""
    client.force_login(teamledare)

    svar = client.get("/", headers={"HX-Request": "true"})

    assert svar.status_code == 200
    _ar_strikt(_direktiv(svar))


@pytest.mark.parametrize("adress", ["/logga-in/", "/kontakta-oss/", "/fragor/"])
def test_publika_sidor_har_strikt_csp(client, kommun, adress):
    svar = client.get(adress)

    assert svar.status_code == 200
    _ar_strikt(_direktiv(svar))


def test_statussidan_har_strikt_csp(client, statuslank):
    svar = client.get(f"/arende/{statuslank.token}/")

    assert svar.status_code == 200
    _ar_strikt(_direktiv(svar))


@pytest.mark.parametrize("adress", ["/api/docs/", "/api/redoc/"])
def test_dokumentationen_tillater_bara_inline_stil(client, vagledare, adress):
    """Swagger UI and Redoc may style inline; their scripts still come only from our server."""
    client.force_login(vagledare)

    svar = client.get(adress)

    assert svar.status_code == 200
    direktiv = _direktiv(svar)
    assert direktiv["script-src"] == {"'self'"}
    assert direktiv["style-src"] == {"'self'", "'unsafe-inline'"}
    html = svar.content.decode()
    assert "<script>" not in html and "fonts.googleapis" not in html


def test_swaggers_startskript_ar_en_egen_fil(client, vagledare):
    """The split Swagger view serves its start-up script as JavaScript from our origin."""
    client.force_login(vagledare)

    svar = client.get("/api/docs/", {"script": ""})

    assert svar.status_code == 200
    assert svar.headers["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in svar.content.decode()
