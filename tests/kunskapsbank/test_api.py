"""The kunskapsbank API: search, visibility, the status rules, versions, import and export."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp

pytestmark = pytest.mark.django_db

SOK = "/api/v1/kunskapsbank/sok/"
ARTIKLAR = "/api/v1/kunskapsbank/artiklar/"


def fragor(svar) -> list[str]:
    return [r["fraga"] for r in svar.json()["resultat"]]


@pytest.fixture
def fyra(artikel):
    """One article per audience and status that matters: public/internal, published/draft."""
    return {
        "publik": artikel(fraga="Hur bokar jag vigsel publikt?"),
        "intern": artikel(fraga="Hur bokar jag vigsel internt?", malgrupp=Malgrupp.INTERN),
        "utkast": artikel(fraga="Hur bokar jag vigsel utkast?", status=ArtikelStatus.UTKAST),
        "granskning": artikel(
            fraga="Hur bokar jag vigsel granskning?", status=ArtikelStatus.GRANSKNING
        ),
    }


def test_sok_svarar_med_rankade_artiklar_snippet_och_poang(api_client, vagledare, fyra):
    """The search answers with id, question, a highlighted snippet and a score, best first."""
    svar = api_client(vagledare).get(SOK, {"q": "vigsel"})
    assert svar.status_code == 200
    forsta = svar.json()["resultat"][0]
    assert set(forsta) >= {"id", "fraga", "snippet", "poang"}
    assert svar.json()["sokning_id"] > 0
    poang = [r["poang"] for r in svar.json()["resultat"]]
    assert poang == sorted(poang, reverse=True)


def test_allmanheten_ser_bara_publicerade_publika_artiklar(api_client, fyra):
    """Without login: search, list and detail show only published public articles."""
    anonym = api_client()
    assert fragor(anonym.get(SOK, {"q": "vigsel"})) == ["Hur bokar jag vigsel publikt?"]
    lista = [a["fraga"] for a in anonym.get(ARTIKLAR).json()]
    assert lista == ["Hur bokar jag vigsel publikt?"]
    for namn in ("intern", "utkast", "granskning"):
        svar = anonym.get(f"{ARTIKLAR}{fyra[namn].pk}/")
        assert svar.status_code == 404, namn
        assert svar.json()["code"] == "artikel_saknas"


def test_personal_ser_interna_och_publika_men_soker_bara_publicerade(api_client, vagledare, fyra):
    """Staff find internal and public published articles; drafts are never suggested."""
    klient = api_client(vagledare)
    assert sorted(fragor(klient.get(SOK, {"q": "vigsel"}))) == [
        "Hur bokar jag vigsel internt?",
        "Hur bokar jag vigsel publikt?",
    ]
    assert klient.get(f"{ARTIKLAR}{fyra['utkast'].pk}/").status_code == 200


def test_skapa_ger_utkast_som_allmanheten_inte_ser(api_client, vagledare, forvaltning_a):
    """A new article is a draft, and a draft is never shown to the public."""
    svar = api_client(vagledare).post(
        ARTIKLAR,
        {
            "fraga": "Får jag elda trädgårdsavfall?",
            "svar": "<p>Nej, inte inom detaljplan.</p><script>alert(1)</script>",
            "alternativa_fragor": ["Eldningsförbud"],
            "forvaltning": forvaltning_a.pk,
            "malgrupp": "publik",
        },
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    assert svar.json()["status"] == "utkast"
    assert "<script>" not in svar.json()["svar"]
    assert fragor(api_client().get(SOK, {"q": "elda trädgårdsavfall"})) == []


def test_statusreglerna(api_client, vagledare, teamledare, artikel):
    """utkast → granskning by anyone on staff; publishing by a granskare; no skipping."""
    utkast = artikel(fraga="Eldning", status=ArtikelStatus.UTKAST)
    url = f"{ARTIKLAR}{utkast.pk}/status/"
    # A draft cannot be published without review.
    svar = api_client(teamledare).post(url, {"status": "publicerad"}, format="json")
    assert svar.status_code == 409
    assert svar.json()["code"] == "ogiltig_artikelstatus"
    # Staff send it to review; a kommunvägledare may not publish it.
    assert api_client(vagledare).post(url, {"status": "granskning"}).status_code == 200
    svar = api_client(vagledare).post(url, {"status": "publicerad"})
    assert svar.status_code == 403
    # A teamledare publishes it; the review date is set a year ahead.
    svar = api_client(teamledare).post(url, {"status": "publicerad"})
    assert svar.status_code == 200
    assert svar.json()["status"] == "publicerad"
    assert svar.json()["granskas_senast"] is not None
    # Archived articles vanish from search for everyone.
    assert api_client(teamledare).post(url, {"status": "arkiverad"}).status_code == 200
    assert fragor(api_client(vagledare).get(SOK, {"q": "eldning"})) == []


def test_allmanheten_far_inte_skriva(api_client, fyra):
    """Without login nothing can be created or have its status changed."""
    anonym = api_client()
    assert anonym.post(ARTIKLAR, {"fraga": "x"}).status_code in (401, 403)
    svar = anonym.post(f"{ARTIKLAR}{fyra['publik'].pk}/status/", {"status": "arkiverad"})
    assert svar.status_code in (401, 403)


def test_varje_andring_blir_en_version_med_diff(api_client, teamledare, artikel):
    """Every change keeps a version (who, when) and two versions can be compared."""
    a = artikel(fraga="Vad kostar bygglov?", svar="<p>Bygglov kostar 10 000 kr.</p>")
    klient = api_client(teamledare)
    svar = klient.patch(
        f"{ARTIKLAR}{a.pk}/",
        {"svar": "<p>Bygglov kostar 12 000 kr.</p>", "version": a.version, "kommentar": "Ny taxa"},
        format="json",
    )
    assert svar.status_code == 200, svar.json()
    ny_version = svar.json()["version"]
    # A stale version is refused.
    inaktuell = klient.patch(
        f"{ARTIKLAR}{a.pk}/", {"fraga": "X", "version": a.version}, format="json"
    )
    assert inaktuell.status_code == 409
    versioner = klient.get(f"{ARTIKLAR}{a.pk}/versioner/").json()
    assert versioner[0]["nummer"] == ny_version
    assert versioner[0]["andrad_av"] == "teamledare"
    assert versioner[0]["kommentar"] == "Ny taxa"
    diff = klient.get(
        f"{ARTIKLAR}{a.pk}/versioner/", {"fran": ny_version - 1, "till": ny_version}
    ).json()["diff"]
    assert "-Bygglov kostar 10 000 kr." in diff
    assert "+Bygglov kostar 12 000 kr." in diff


def test_export_och_import_json_och_csv(api_client, teamledare, artikel, forvaltning_a):
    """Articles exported as JSON or CSV import again as new articles with the same text."""
    artikel(fraga="Öppettider simhallen", svar="<p>Vardagar 6–20.</p>")
    klient = api_client(teamledare)
    som_json = klient.get("/api/v1/kunskapsbank/export/", {"typ": "json"})
    som_csv = klient.get("/api/v1/kunskapsbank/export/", {"typ": "csv"})
    assert som_json["Content-Type"].startswith("application/json")
    assert som_csv.content.decode().startswith("id,fraga,alternativa_fragor,svar")
    rader = json.loads(som_json.content)
    assert rader[0]["forvaltning"] == forvaltning_a.namn

    svar = klient.post("/api/v1/kunskapsbank/import/", rader, format="json")
    assert svar.status_code == 201, svar.json()
    svar = klient.post(
        "/api/v1/kunskapsbank/import/",
        {"fil": SimpleUploadedFile("gammalt.csv", som_csv.content, content_type="text/csv")},
        format="multipart",
    )
    assert svar.status_code == 201, svar.json()
    assert Kunskapsartikel.objects.filter(fraga="Öppettider simhallen").count() == 3


def test_import_med_okand_forvaltning_avvisas_helt(api_client, teamledare):
    """An import with one bad row creates nothing and names the row."""
    rader = [
        {"fraga": "A", "svar": "Svar", "forvaltning": "Finns inte"},
    ]
    svar = api_client(teamledare).post("/api/v1/kunskapsbank/import/", rader, format="json")
    assert svar.status_code == 400
    assert svar.json()["code"] == "import_fel"
    assert svar.json()["extra"] == {"rad": 1}
    assert not Kunskapsartikel.objects.exists()


def test_openapi_schemat_beskriver_kunskapsbanken(api_client, vagledare):
    """The search and CRUD endpoints are in the OpenAPI schema."""
    schema = api_client(vagledare).get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/kunskapsbank/sok/" in schema["paths"]
    assert "/api/v1/kunskapsbank/artiklar/{artikel_id}/status/" in schema["paths"]
