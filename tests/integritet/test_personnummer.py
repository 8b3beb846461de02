"""Personnummer never in logs or URLs, and shown in full only to those who need it."""

import io
import logging
import sys

import pytest

from arenden import services
from arenden.errors import OgiltigUppgift
from arenden.kontaktuppgifter import normalisera_personnummer
from integritet.loggning import Felrapport, MaskeraPersonnummer

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def fangad():
    """The root logger's configured handler ("konsol"), writing into a buffer for the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "konsol")
    buffert = io.StringIO()
    gammal = handler.setStream(buffert)
    yield buffert
    handler.setStream(gammal)


@pytest.mark.parametrize(
    "nummer", ["19811218-9876", "811218-9876", "198112189876", "8112189876", "811278+9876"]
)
def test_personnummer_maskeras_i_loggen(fangad, nummer):
    """A log record with a personnummer in any written form comes out masked."""
    logging.getLogger("kontaktcenter.test").warning("Sökte på %s i kön", nummer)

    rad = fangad.getvalue()
    assert "Sökte på [personnummer] i kön" in rad
    assert "9876" not in rad


def test_personnummer_maskeras_i_undantag(fangad):
    """A traceback whose message names the personnummer is masked too."""
    try:
        normalisera_personnummer("19811218-9875")
    except OgiltigUppgift:
        logging.getLogger("kontaktcenter.test").exception("Registrering misslyckades")

    rad = fangad.getvalue()
    assert "OgiltigUppgift" in rad and "[personnummer]" in rad
    assert "9875" not in rad


def test_varje_hanterare_har_filtret():
    """Every handler on every configured logger carries the filter (Django's too)."""
    loggar = [logging.getLogger(), logging.getLogger("django"), logging.getLogger("django.server")]
    # pytest's own capturing handlers (unnamed) sit on the root logger during tests.
    hanterare = [h for logger in loggar for h in logger.handlers if h.get_name()]

    assert {h.get_name() for h in hanterare} >= {"konsol", "django.server", "mail_admins"}
    for h in hanterare:
        assert any(isinstance(f, MaskeraPersonnummer) for f in h.filters), h.get_name()


def test_personnummer_i_kons_adress_skickas_till_personsokningen(client, vagledare):
    """A personnummer typed in the queue's GET search is refused and sent to the POST search."""
    client.force_login(vagledare)

    svar = client.get("/", {"q": "19811218-9876"})

    assert svar.status_code == 302
    assert svar["Location"] == "/sok/person/"
    assert "9876" not in svar["Location"]


def test_personnummer_i_kons_fragment_hamnar_inte_i_historiken(client, vagledare):
    """The htmx queue answers with the error and tells htmx not to push the URL."""
    client.force_login(vagledare)

    svar = client.get("/", {"q": "811218-9876"}, **HX)

    assert svar["HX-Push-Url"] == "false"
    assert "Sök person" in svar.content.decode()


def test_api_avvisar_personnummer_i_adressen(api_client, vagledare):
    """The API refuses a personnummer in ?q= with a stable code; a telephone number is fine."""
    svar = api_client(vagledare).get("/api/v1/arenden/", {"q": "198112189876"})
    telefon = api_client(vagledare).get("/api/v1/arenden/", {"q": "0701234567"})

    assert svar.status_code == 400
    assert "q" in svar.json()["extra"]["falt"]
    assert telefon.status_code == 200


def test_personsokningen_hittar_med_post(client, vagledare, kalle, lisa):
    """The posted person search finds the person's ärenden, however the number is written."""
    egna = services.arende_skapa(rubrik="Bygglov", kanal="epost", av=vagledare, kontakt=kalle)
    services.arende_skapa(rubrik="Lisas fråga", kanal="epost", av=vagledare, kontakt=lisa)
    client.force_login(vagledare)

    svar = client.post("/sok/person/", {"sok": "8112189876"})
    fel = client.post("/sok/person/", {"sok": "19811218-9875"})

    assert svar.status_code == 200
    html = svar.content.decode()
    assert egna.nummer in html and "Lisas fråga" not in html
    assert fel.status_code == 400
    assert "inte giltigt" in fel.content.decode()
    assert "[personnummer]" not in html


@pytest.mark.parametrize(
    ("roll", "helt"),
    [("administrator", True), ("handlaggare_a", True), ("vagledare", False), ("teamledare", False)],
)
def test_personnummer_visas_helt_bara_for_dem_som_behover(
    request, client, vagledare, handlaggare_a, kalle, roll, helt
):
    """The assigned handläggare and administratörer see the whole number; others see it masked."""
    arende = services.arende_skapa(rubrik="Bygglov", kanal="epost", av=vagledare, kontakt=kalle)
    services.arende_tilldela(arende=arende, av=vagledare, till=handlaggare_a)
    client.force_login(request.getfixturevalue(roll))

    html = client.get(f"/arenden/{arende.nummer}/").content.decode()

    assert ("19811218-9876" in html) is helt
    assert ("19811218-****" in html) is not helt


def test_felrapporten_till_admins_maskerar_personnummer(rf, mailoutbox, settings):
    """The error mail (request data, locals, the message) carries no personnummer."""
    settings.ADMINS = [("Drift", "drift@kommun.example")]
    settings.DEBUG = False
    request = rf.post("/arenden/nytt/", {"kontakt_personnummer": "19811218-9875"})
    personnummer = "19811218-9875"  # a local variable in the traceback's frame
    try:
        normalisera_personnummer(personnummer)
    except OgiltigUppgift as e:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", e.message, exc_info=True, extra={"request": request}
        )
        # The HTML version (the DEBUG page, and the mail with include_html) shows locals.
        html = Felrapport(request, *sys.exc_info()).get_traceback_html()

    [brev] = mailoutbox
    assert "kontakt_personnummer" in brev.body
    assert "[personnummer]" in brev.body and "[personnummer]" in brev.subject
    assert "9875" not in brev.body
    assert "Local vars" in html and "[personnummer]" in html
    assert "9875" not in html
