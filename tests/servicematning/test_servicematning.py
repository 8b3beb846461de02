"""The citizen survey: its public page, the staff link and the indexes in the statistics."""

import io
import re

import pytest
from openpyxl import load_workbook

from arenden.models import Kanal
from arenden.statistik.tasks import statistik_uppdatera
from servicematning import services
from servicematning.models import Enkat, Svar
from tests.factories import ArendeFactory
from tests.statistik.conftest import tid

FRAGA = {"fran": "2026-01-01", "till": "2026-12-31"}
ALLA_FEM = {"enkelhet": "5", "tydlighet": "5", "bemotande": "5"}


@pytest.fixture
def enkat(kommun):
    return services.enkat_skapa(arende=ArendeFactory(kommun=kommun))


def test_enkatsidan_ar_publik_och_tillganglig(client, enkat):
    """Anyone with the link sees one fieldset of five labelled radio buttons per measure."""
    html = client.get(f"/enkat/{enkat.token}/").content.decode()
    assert html.count("<fieldset") == 3
    assert html.count('type="radio"') == 15
    for falt in re.findall(r'<input type="radio" name="\w+" id="([^"]+)"', html):
        assert f'<label for="{falt}">' in html
    assert "Hur blev du bemött?" in html


def test_saknat_svar_visas_vid_faltet(client, enkat):
    """A missing grade is refused with 400, the error tied to its fieldset; nothing stored."""
    svar = client.post(f"/enkat/{enkat.token}/", {"enkelhet": "4", "tydlighet": "3"})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert 'aria-describedby="id_bemotande_fel"' in html
    assert '<p class="fel" id="id_bemotande_fel">Välj ett betyg från 1 till 5.' in html
    assert 'value="4"\n             checked' in html  # the given answers are kept
    assert not Svar.objects.exists()


def test_svaren_sparas_en_gang(client, enkat):
    """Answers are stored once per measure; the link then only thanks."""
    assert "Tack för dina svar" in client.post(f"/enkat/{enkat.token}/", ALLA_FEM).content.decode()
    client.post(f"/enkat/{enkat.token}/", {"enkelhet": "1", "tydlighet": "1", "bemotande": "1"})
    assert sorted(Svar.objects.values_list("matt", "betyg")) == [
        ("bemotande", 5),
        ("enkelhet", 5),
        ("tydlighet", 5),
    ]
    assert client.get("/enkat/finns-inte/").status_code == 404


def test_handlaggaren_skapar_och_ser_lanken(client, vagledare, kommun):
    """Staff create the link from the ärende page and see it there; creating twice keeps it."""
    arende = ArendeFactory(kommun=kommun)
    client.force_login(vagledare)
    assert "Skapa enkätlänk" in client.get(f"/arenden/{arende.nummer}/").content.decode()
    client.post(f"/enkat-skapa/{arende.nummer}/")
    client.post(f"/enkat-skapa/{arende.nummer}/")
    enkat = Enkat.objects.get(arende=arende)
    assert len(enkat.token) >= 40
    sida = client.get(f"/arenden/{arende.nummer}/").content.decode()
    assert f"http://testserver/enkat/{enkat.token}/" in sida
    client.logout()
    assert client.post(f"/enkat-skapa/{arende.nummer}/").status_code == 302  # to login
    assert Enkat.objects.count() == 1


def besvarad(kommun, kanal: str, nar: str, **betyg: int) -> None:
    enkat = services.enkat_skapa(arende=ArendeFactory(kommun=kommun, kanal=kanal))
    services.enkat_besvara(enkat=enkat, betyg=betyg)
    Enkat.objects.filter(pk=enkat.pk).update(besvarad=tid(nar))


@pytest.fixture
def svaren(kommun):
    """E-post (5, 4, 3) and telefon (4, 4, 1) in 2026, e-post (1, 1, 1) in 2025.

    Hand results: e-post enkelhet 100, tydlighet 75, bemötande 50; telefon 75, 75, 0;
    total enkelhet (100 + 75) / 2 = 87.5, tydlighet 75, bemötande 25; two answers.
    """
    besvarad(kommun, Kanal.EPOST, "2026-04-01 10:00", enkelhet=5, tydlighet=4, bemotande=3)
    besvarad(kommun, Kanal.TELEFON, "2026-04-02 10:00", enkelhet=4, tydlighet=4, bemotande=1)
    besvarad(kommun, Kanal.EPOST, "2025-12-31 22:00", enkelhet=1, tydlighet=1, bemotande=1)
    statistik_uppdatera.apply()


def test_index_per_kanal_i_api(api_client, teamledare, svaren):
    """The API gives SKR's three indexes and the number of answers, per kanal and in total."""
    s = api_client(teamledare).get("/api/v1/statistik/", FRAGA).json()["servicematning"]
    assert (s["antal_svar"], s["enkelhet_index"], s["tydlighet_index"]) == (2, 87.5, 75.0)
    assert s["bemotande_index"] == 25.0 and s["bemotande_antal"] == 2
    per = {r["kanal"]: r for r in s["per_kanal"]}
    assert (per["epost"]["enkelhet_index"], per["epost"]["bemotande_index"]) == (100.0, 50.0)
    assert (per["telefon"]["tydlighet_index"], per["telefon"]["bemotande_index"]) == (75.0, 0.0)
    assert per["besok"] == {
        "kanal": "besok",
        "antal_svar": 0,
        "enkelhet_index": None,
        "tydlighet_index": None,
        "bemotande_index": None,
        "enkelhet_antal": 0,
        "tydlighet_antal": 0,
        "bemotande_antal": 0,
    }
    epost = api_client(teamledare).get("/api/v1/statistik/", {**FRAGA, "kanal": "epost"}).json()
    assert epost["servicematning"]["enkelhet_index"] == 100.0


def test_index_pa_panelen_och_i_xlsx(client, teamledare, svaren):
    """The dashboard's tiles and table and the XLSX sheet show the same indexes."""
    client.force_login(teamledare)
    html = client.get("/statistik/", FRAGA).content.decode()
    assert 'data-nyckel="servicematning.enkelhet_index" data-varde="87.5"' in html
    assert '<th scope="row">Telefon</th><td>1</td><td>75,0</td><td>75,0</td><td>0,0</td>' in html
    bok = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx", FRAGA).content))
    rader = {r[0]: r for r in bok["Servicemätning"].iter_rows(min_row=3, values_only=True)}
    assert rader["Totalt"][:5] == ("Totalt", 2, 87.5, 75.0, 25.0)
