"""The citizen's status page /arende/<token>/ through HTTP, and revoking its link."""

import pytest

from arenden import services as arende_services
from arenden import statuslankar
from arenden.models import Handelse, Kanal, Meddelande, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def arende(vagledare, kategori_snabb):
    kontakt = {"namn": "Örjan Ärlig", "epost": "orjan@example.se"}
    return arende_services.arende_registrera(
        av=vagledare,
        kontakt=kontakt,
        rubrik="Trasig gatlampa",
        kanal=Kanal.ETJANST,
        kategori=kategori_snabb,
    )


@pytest.fixture
def lank(arende):
    return statuslankar.statuslank_hamta_eller_skapa(arende=arende)


def test_statussidan_visar_svaret_men_aldrig_anteckningen(client, arende, lank, vagledare):
    """The page shows number, status in plain words and the answer; internal notes never."""
    arende_services.arende_anteckna(
        arende=arende, av=vagledare, text="INTERNT: ring elnätsbolaget först"
    )
    arende_services.arende_svara(
        arende=arende, av=vagledare, text="Vi har beställt byte av lampan till vecka 48."
    )
    andra = arende_services.arende_registrera(
        av=vagledare,
        kontakt={"namn": "Annan Person", "epost": "annan@example.se"},
        rubrik="Annat ärende",
        kanal=Kanal.ETJANST,
    )
    arende_services.arende_svara(arende=andra, av=vagledare, text="Svar till någon annan")

    svar = client.get(f"/arende/{lank.token}/")

    html = svar.content.decode()
    assert svar.status_code == 200
    assert arende.nummer in html
    assert "Vi har svarat dig." in html
    assert "Vi har beställt byte av lampan till vecka 48." in html
    assert "INTERNT" not in html
    assert "Svar till någon annan" not in html and "Annan Person" not in html
    assert "orjan@example.se" not in html
    assert '<main id="innehall"' in html and '<label for="text">' in html


def test_statussidan_visar_nar_svaret_kommer(client, arende, lank):
    """An open ärende shows the date the citizen will have an answer by."""
    svar = client.get(f"/arende/{lank.token}/")

    html = svar.content.decode()
    assert "Vi har tagit emot ditt ärende." in html
    assert "Du får svar senast" in html


def test_fel_token_ger_404(client, lank):
    """A wrong or truncated token answers 404, as does a revoked one."""
    assert client.get("/arende/inte-en-riktig-token/").status_code == 404
    assert client.get(f"/arende/{lank.token[:-1]}/").status_code == 404


def test_medborgaren_kan_lagga_till_information(client, arende, lank, vagledare, adress):
    """What the citizen adds lands as an inbound message and reopens an answered ärende."""
    arende_services.arende_svara(arende=arende, av=vagledare, text="Lampan är bytt.")

    svar = client.post(
        f"/arende/{lank.token}/", {"text": "Den lyser fortfarande inte."}, REMOTE_ADDR=adress
    )

    assert svar.status_code == 302
    meddelande = arende.meddelanden.filter(riktning=Meddelande.Riktning.IN).get()
    assert meddelande.text == "Den lyser fortfarande inte."
    assert meddelande.kanal == Kanal.ETJANST
    arende.refresh_from_db()
    assert arende.status == Status.PAGAENDE
    assert arende.handelser.filter(typ=Handelse.Typ.MEDDELANDE_IN).exists()


def test_tomt_tillagg_vagras_vid_faltet(client, arende, lank, adress):
    """An empty addition is refused with the error tied to the field."""
    svar = client.post(f"/arende/{lank.token}/", {"text": "  "}, REMOTE_ADDR=adress)

    assert svar.status_code == 400
    assert 'aria-describedby="text-fel"' in svar.content.decode()
    assert not arende.meddelanden.exists()


def test_teamledare_aterkallar_lanken(client, arende, lank, teamledare, vagledare):
    """A teamledare revokes the link from the ärende; the old link then answers 404."""
    url = f"/arenden/{arende.nummer}/statuslank/aterkalla/"
    client.force_login(vagledare)
    assert client.post(url).status_code == 404
    assert client.get(f"/arende/{lank.token}/").status_code == 200

    client.force_login(teamledare)
    svar = client.post(url)

    assert svar.status_code == 302
    assert svar["Location"] == f"/arenden/{arende.nummer}/"
    assert client.get(f"/arende/{lank.token}/").status_code == 404
    assert arende.handelser.filter(typ=Handelse.Typ.STATUSLANK_ATERKALLAD).count() == 1
    ny = statuslankar.statuslank_hamta_eller_skapa(arende=arende)
    assert ny.token != lank.token
