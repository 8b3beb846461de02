"""The kunskapsbank in the browser: the side panel on the ärende page and the public FAQ."""

import json
import re

import pytest

from kunskapsbank import selectors, services
from kunskapsbank.models import Anvandning, ArtikelStatus, Malgrupp
from tests.factories import ArendeFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def forsta_forslaget(html: str) -> str:
    return re.search(r"<summary><strong>(.*?)</strong>", html).group(1)


@pytest.fixture
def arende(kommun, vagledare):
    return ArendeFactory(kommun=kommun, av=vagledare, rubrik="Fråga från telefon")


def test_arendesidan_har_sidopanelen_som_laddar_forslag(client, vagledare, arende):
    """The ärende page holds the panel, which loads suggestions by htmx as the user types."""
    client.force_login(vagledare)
    html = client.get(f"/arenden/{arende.nummer}/").content.decode()
    assert 'id="kb-forslag"' in html
    assert "/kunskapsbank/forslag/" in html
    assert "input changed delay:300ms" in html
    assert 'id="svar-text"' in html


def test_parkeringstilstand_i_panelen_visar_parkeringstillstand_forst(
    client, vagledare, arende, demobank
):
    """Typing "parkeringstilstånd" in an ärende shows a parkeringstillstånd article first."""
    client.force_login(vagledare)
    svar = client.get(
        "/kunskapsbank/forslag/", {"arende": arende.nummer, "q": "parkeringstilstånd"}, **HX
    )
    assert svar.status_code == 200
    assert "parkeringstillstånd" in forsta_forslaget(svar.content.decode()).lower()
    assert "Använd svaret" in svar.content.decode()


def test_utan_text_foreslas_artiklar_for_arendets_rubrik(client, vagledare, kommun, demobank):
    """With nothing typed, the panel suggests articles for the ärende's own text."""
    arende = ArendeFactory(kommun=kommun, av=vagledare, rubrik="Soptunnan blev inte tömd")
    client.force_login(vagledare)
    svar = client.get("/kunskapsbank/forslag/", {"arende": arende.nummer}, **HX)
    assert forsta_forslaget(svar.content.decode()) == "Mina sopor har inte hämtats"


def test_anvand_svaret_registrerar_och_skickar_texten_till_svarsfaltet(
    client, vagledare, arende, artikel
):
    """'Använd svaret' records the usage and sends the answer text for the reply field."""
    a = artikel(svar="<p>Ansök via e-tjänsten.</p>")
    client.force_login(vagledare)
    svar = client.post(f"/kunskapsbank/artiklar/{a.pk}/anvand/", {"arende": arende.nummer}, **HX)
    assert svar.status_code == 200
    handelse = json.loads(svar["HX-Trigger"])["kunskapsbank-anvand"]
    assert handelse["text"] == "Ansök via e-tjänsten."
    assert Anvandning.objects.get().arende_id == arende.pk


def test_panelen_ar_stangd_for_allmanheten(client, arende):
    """Suggestions need a login."""
    assert client.get("/kunskapsbank/forslag/", {"arende": arende.nummer}).status_code == 302


def test_fragor_visar_publicerade_publika_artiklar_utan_inloggning(client, artikel):
    """The public FAQ lists published public articles by förvaltning, and nothing else."""
    artikel(fraga="Publik fråga om sophämtning")
    artikel(fraga="Intern fråga om sophämtning", malgrupp=Malgrupp.INTERN)
    artikel(fraga="Utkast om sophämtning", status=ArtikelStatus.UTKAST)
    html = client.get("/fragor/").content.decode()
    assert "Publik fråga om sophämtning" in html
    assert "Intern fråga" not in html
    assert "Utkast om" not in html
    assert "kontaktformuläret" in html
    sok = client.get("/fragor/", {"q": "sophämtning"}, **HX).content.decode()
    assert "Publik fråga om sophämtning" in sok
    assert "Intern fråga" not in sok and "Utkast om" not in sok


def test_fragor_har_sokfalt_med_etikett_och_rubriker(client, artikel):
    """The FAQ is accessible: labelled search field, headings per förvaltning, lang set."""
    artikel(fraga="Publik fråga")
    html = client.get("/fragor/").content.decode()
    assert '<label for="fragor-q">' in html
    assert 'role="search"' in html
    assert '<html lang="sv">' in html
    assert "<h2" in html


def test_fragor_visar_andringar_genast_trots_cachen(client, artikel, teamledare):
    """The FAQ's list is cached, but an edit, a withdrawal or a new article shows at once."""
    a = artikel(fraga="Hur sorterar jag glas?", svar="<p>Glas i glasigloon.</p>")
    assert "Glas i glasigloon." in client.get("/fragor/").content.decode()
    services.artikel_andra(artikel=a, av=teamledare, svar="<p>Glas vid återvinningen.</p>")
    html = client.get("/fragor/").content.decode()
    assert "Glas vid återvinningen." in html and "glasigloon" not in html
    artikel(fraga="Var lämnar jag batterier?")
    assert "Var lämnar jag batterier?" in client.get("/fragor/").content.decode()
    a.refresh_from_db()
    services.artikel_byt_status(artikel=a, av=teamledare, status=ArtikelStatus.ARKIVERAD)
    html = client.get("/fragor/").content.decode()
    assert "Hur sorterar jag glas?" not in html
    assert "Var lämnar jag batterier?" in html


def test_fragor_ar_fa_sql_fragor(client, artikel, django_assert_max_num_queries):
    """The FAQ page's query count does not grow with the number of articles."""
    for i in range(20):
        artikel(fraga=f"Publik fråga {i}")
    with django_assert_max_num_queries(3):
        client.get("/fragor/")


def test_forslag_medan_arendet_registreras(client, vagledare, demobank):
    """While registering, the rubrik typed so far brings suggestions, without 'Använd svaret'."""
    client.force_login(vagledare)
    assert 'hx-include="#rubrik, #beskrivning"' in client.get("/arenden/nytt/").content.decode()
    svar = client.get("/kunskapsbank/forslag/", {"rubrik": "dagisplats", "beskrivning": ""}, **HX)
    html = svar.content.decode()
    assert "förskol" in forsta_forslaget(html).lower()
    assert "Använd svaret" not in html


def test_luckrapporten_som_sida_for_teamledaren(client, teamledare, vagledare):
    """The gap report page is the teamledare's; a kommunvägledare is refused."""
    selectors.artikel_sok(user=vagledare, fraga="hundrastgård")
    client.force_login(vagledare)
    assert client.get("/kunskapsbank/luckor/").status_code == 403
    client.force_login(teamledare)
    html = client.get("/kunskapsbank/luckor/").content.decode()
    assert "hundrastgård" in html
    assert "/kunskapsbank/luckor/" in client.get("/kunskapsbank/granska/").content.decode()
