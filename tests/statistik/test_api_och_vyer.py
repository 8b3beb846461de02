"""The statistics API, the dashboard and the exports, on the hand-built e-post ärenden."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from arenden.statistik.tasks import statistik_uppdatera

FRAGA = {"fran": "2026-01-01", "till": "2026-12-31"}


@pytest.fixture
def uppdaterad(epostfall):
    """The hand-built ärenden, with the summary views refreshed as Celery beat would."""
    statistik_uppdatera.apply()
    return epostfall


def hamta(data: dict, nyckel: str):
    for del_ in nyckel.split("."):
        data = data[del_]
    return data


def test_bara_teamledare_och_administratorer(api_client, vagledare, handlaggare_a, db):
    """Kommunvägledare and handläggare are refused with the stable code; anonymous too."""
    for user in (vagledare, handlaggare_a):
        svar = api_client(user).get("/api/v1/statistik/", FRAGA)
        assert svar.status_code == 403
        assert svar.json()["code"] == "behorighet_saknas"
    assert api_client().get("/api/v1/statistik/", FRAGA).status_code in (401, 403)


def test_per_person_bara_for_teamledare(api_client, teamledare, administrator, uppdaterad):
    """A teamledare gets the per-medarbetare table, an administratör gets null."""
    assert api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()["per_medarbetare"] == []
    svar = api_client(administrator).get("/api/v1/statistik/", FRAGA)
    assert svar.status_code == 200
    assert svar.json()["per_medarbetare"] is None


def test_api_ger_epostmatten(api_client, teamledare, uppdaterad):
    """The API returns the hand-computed e-post figures under stable keys."""
    data = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()
    assert data["period"] == {"fran": "2026-01-01", "till": "2026-12-31"}
    assert data["epost"]["andel_inom_en_arbetsdag"] == 0.5
    assert data["epost"]["median_timmar"] == 23.0
    # No calls, articles or survey answers in these fixtures: the sections count zero.
    assert data["telefon"]["inkommande"] == 0 and data["telefon"]["svarsfrekvens"] is None
    assert data["kunskapsbank"]["andel_med_artikel"] == 0.0
    assert data["servicematning"]["antal_svar"] == 0
    assert set(data) >= {"forsta_kontakt", "rosa", "sla", "volym", "per_forvaltning"}


def test_ogiltig_period(api_client, teamledare):
    """An end before the start is refused with a Swedish message and a stable code."""
    svar = api_client(teamledare).get(
        "/api/v1/statistik/", {"fran": "2026-02-01", "till": "2026-01-01"}
    )
    assert svar.status_code == 400
    assert svar.json()["code"] == "statistik_period"
    assert "före" in svar.json()["message"]


def test_schemat_dokumenterar_nycklarna(api_client, teamledare):
    """The OpenAPI schema documents the endpoint and the output's keys."""
    schema = api_client(teamledare).get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/statistik/" in schema["paths"]
    egenskaper = schema["components"]["schemas"]["StatistikOut"]["properties"]
    assert {"epost", "forsta_kontakt", "rosa", "sla", "volym", "per_medarbetare"} <= set(egenskaper)
    assert "andel_inom_en_arbetsdag" in schema["components"]["schemas"]["EpostOut"]["properties"]


def test_panelen_visar_samma_siffror_som_api(
    client, api_client, teamledare, uppdaterad, django_assert_max_num_queries
):
    """Every headline figure on the dashboard equals the API's value for the same query."""
    client.force_login(teamledare)
    with django_assert_max_num_queries(30):
        sida = client.get("/statistik/", FRAGA)
    assert sida.status_code == 200
    html = sida.content.decode()
    api = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()
    tal = re.findall(r'data-nyckel="([^"]+)" data-varde="([^"]*)"', html)
    assert len(tal) == 15
    for nyckel, varde in tal:
        vantat = hamta(api, nyckel)
        assert (float(varde) if varde else None) == vantat, nyckel
    assert "50,0 %" in html  # within one arbetsdag, formatted
    assert "Så räknar vi" in html
    assert "vendor/chart-4.6.1.umd.min.js" in html


def test_panelen_som_htmx_fragment(client, teamledare, uppdaterad):
    """A filter change through htmx returns only the result, for the chosen kanal."""
    client.force_login(teamledare)
    svar = client.get("/statistik/", {**FRAGA, "kanal": "telefon"}, HTTP_HX_REQUEST="true")
    html = svar.content.decode()
    assert '<div id="resultat"' in html and "<html" not in html
    assert 'data-nyckel="antal" data-varde="0"' in html


def test_forval_och_behorighet_pa_sidan(client, teamledare, vagledare, db):
    """Presets choose the period; the nav link and page are only for statistics roles."""
    client.force_login(teamledare)
    svar = client.get("/statistik/", {"forval": "i_ar"})
    assert svar.status_code == 200
    assert 'href="/statistik/"' in svar.content.decode()
    client.force_login(vagledare)
    assert client.get("/statistik/").status_code == 403
    assert 'href="/statistik/"' not in client.get("/").content.decode()


def test_xlsx_lases_tillbaka_och_stammer_med_panelen(client, api_client, teamledare, uppdaterad):
    """The XLSX opens in openpyxl; its KKiK-rapport and tables equal the dashboard's figures."""
    client.force_login(teamledare)
    svar = client.get("/statistik/export.xlsx", FRAGA)
    assert svar.status_code == 200
    bok = load_workbook(io.BytesIO(svar.content))
    assert bok.sheetnames[0] == "KKiK-rapport"
    kkik = {rad[0]: rad[1] for rad in bok["KKiK-rapport"].iter_rows(min_row=3, values_only=True)}
    api = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()
    assert kkik["Inkomna e-postärenden"] == 8
    assert kkik["E-post besvarad inom en arbetsdag"] == api["epost"]["andel_inom_en_arbetsdag"]
    assert kkik["E-post besvarad inom två arbetsdagar"] == 0.625
    # The per-kanal sheet holds the numbers the dashboard's table shows.
    html = client.get("/statistik/", FRAGA).content.decode()
    kanaler = list(bok["Ärenden per kanal"].iter_rows(min_row=3, max_row=7, values_only=True))
    assert ("E-post", 8, 1.0) in kanaler
    assert '<th scope="row">E-post</th><td>8</td><td>100,0 %</td>' in html
    nyckeltal = list(bok["Nyckeltal"].iter_rows(min_row=3, values_only=True))
    assert ("E-post besvarad inom en arbetsdag", "50,0 %") in nyckeltal


def test_csv_for_en_tabell(client, teamledare, uppdaterad):
    """One table downloads as semicolon CSV with Swedish headings; an unknown table is 404."""
    client.force_login(teamledare)
    svar = client.get("/statistik/export.csv", {**FRAGA, "tabell": "epost"})
    text = svar.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Mått;Antal;Andel"
    assert "Besvarade inom en arbetsdag;4;0,5" in text
    assert client.get("/statistik/export.csv", {**FRAGA, "tabell": "saknas"}).status_code == 404


def test_demodata_panel_och_api_ger_samma_siffror(client, api_client, db):
    """After seed_demo the dashboard renders with figures, and they equal the API's."""
    call_command("seed_demo", arenden=400, dagar=60, stdout=io.StringIO())
    teamledare = get_user_model().objects.get(username="teamledare")
    idag = timezone.localdate()
    fraga = {"fran": (idag - timedelta(days=59)).isoformat(), "till": idag.isoformat()}
    client.force_login(teamledare)
    html = client.get("/statistik/", fraga).content.decode()
    api = api_client(teamledare).get("/api/v1/statistik/", fraga).json()
    # Merged duplicates are not counted, so at most the 400 seeded.
    assert 300 < api["antal"] <= 400
    tal = re.findall(r'data-nyckel="([^"]+)" data-varde="([^"]*)"', html)
    assert len(tal) == 15
    for nyckel, varde in tal:
        assert (float(varde) if varde else None) == hamta(api, nyckel), nyckel
    bok = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx", fraga).content))
    kanaler = {r[0]: r[1] for r in bok["Ärenden per kanal"].iter_rows(min_row=3, values_only=True)}
    assert sum(v for v in kanaler.values() if isinstance(v, int)) == api["antal"]
