"""The work queue costs the same number of queries however many ärenden it shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenden import services
from arenden.models import Arende
from tests.factories import ArendeFactory, KontaktFactory

pytestmark = pytest.mark.django_db

# the user with his Medarbetare and roles (one statement, inloggning.personal; the session
# is read from Redis), the page with its relations
API_LISTANS_FRAGOR = 2
# the same two: the filter menus come from the shared cache (arenden.menyer)
KONS_FRAGOR = 2
# the user, the ärende with its survey link; the timeline (merged ärenden and events in
# one), messages, earlier ärenden (which also give the same-contact duplicates) and
# duplicates by similar text; the action menus come from the shared cache
ARENDESIDANS_FRAGOR = 6


@pytest.fixture
def fyll_kon(kommun, vagledare, kategori_snabb, kategori_diarieford):
    """Return a function that fills the queue up to `antal` fully related ärenden."""

    def fyll(antal: int) -> None:
        for i in range(antal):
            arende = ArendeFactory(
                kommun=kommun,
                av=vagledare,
                kategori=kategori_snabb if i % 2 else kategori_diarieford,
                kontakt=KontaktFactory(),
            )
            services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)

    return fyll


def antal_fragor(klient, adress: str) -> int:
    """Return the queries of a GET with the menus in the cache (read at the first page)."""
    klient.get(adress)
    with CaptureQueriesContext(connection) as fragor:
        svar = klient.get(adress)
    assert svar.status_code == 200, svar.content[:500]
    return len(fragor)


def test_api_listan_har_konstant_antal_fragor(api_client, vagledare, fyll_kon):
    """5 or 60 ärenden, 5 or 50 per page: the API list runs the same queries."""
    klient = api_client(vagledare)

    # given: a short queue
    fyll_kon(5)
    litet = antal_fragor(klient, "/api/v1/arenden/?antal=5")
    # when: the queue grows and the page with it
    fyll_kon(55)
    stort = antal_fragor(klient, "/api/v1/arenden/?antal=50")
    stort_sorterat = antal_fragor(klient, "/api/v1/arenden/?antal=50&ordning=svar_senast")

    # then
    assert litet == stort == stort_sorterat == API_LISTANS_FRAGOR
    assert len(klient.get("/api/v1/arenden/?antal=50").json()["results"]) == 50


def test_kon_har_konstant_antal_fragor(client, vagledare, fyll_kon):
    """5 or 60 ärenden, 5 or 50 per page: the queue page runs the same queries."""
    client.force_login(vagledare)
    fyll_kon(5)
    try:
        litet = antal_fragor(client, "/?antal=5")
    except ValueError as fel:
        if "didn't return an HttpResponse" in str(fel):
            pytest.skip("The queue page (arenden.views.ko) is not written yet.")
        raise

    fyll_kon(55)
    stort = antal_fragor(client, "/?antal=50")

    assert litet == stort == KONS_FRAGOR
    nyaste = Arende.objects.order_by("-inkom", "-id").first()
    assert nyaste.nummer in client.get("/?antal=50").content.decode()


def _arende_med_historik(kommun, vagledare, kontakt, antal: int):
    for i in range(antal):
        ArendeFactory(kommun=kommun, av=vagledare, kontakt=kontakt, rubrik=f"Gatlampa {i}")
    return ArendeFactory(kommun=kommun, av=vagledare, kontakt=kontakt, rubrik="Gatlampa trasig")


def test_arendesidan_har_konstant_antal_fragor(client, kommun, vagledare):
    """1, 4 or 12 earlier ärenden and duplicates: the ärende page runs the same queries.

    With 1 or 4 the same-contact duplicates are picked from the earlier ärenden; with 12
    that list is cut inside the duplicate window, so they take a query of their own, but
    five of them make the similar-text query unneeded: the same count.
    """
    client.force_login(vagledare)
    litet = _arende_med_historik(kommun, vagledare, KontaktFactory(), 1)
    mellan = _arende_med_historik(kommun, vagledare, KontaktFactory(), 4)
    stort = _arende_med_historik(kommun, vagledare, KontaktFactory(), 12)

    fa = antal_fragor(client, f"/arenden/{litet.nummer}/")
    nagra = antal_fragor(client, f"/arenden/{mellan.nummer}/")
    manga = antal_fragor(client, f"/arenden/{stort.nummer}/")
    i_panelen = antal_fragor(client, f"/?oppen={stort.nummer}")

    print(f"\nÄrendesidan: {fa} / {nagra} / {manga} frågor, kön med öppet: {i_panelen}")
    assert fa == nagra == manga == ARENDESIDANS_FRAGOR
    # The split screen: the queue's queries and the ärende's, not more.
    assert i_panelen <= KONS_FRAGOR + manga


def test_pollningen_har_konstant_antal_fragor(client, vagledare, fyll_kon):
    """1 or 30 new ärenden: the polling endpoint runs the same few queries."""
    client.force_login(vagledare)
    fyll_kon(1)
    sida = client.get("/").content.decode()
    url = re.search(r'id="ko-poll"[^>]*hx-get="([^"]+)"', sida).group(1).replace("&amp;", "&")

    with CaptureQueriesContext(connection) as tomt:
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 204
    fyll_kon(1)
    en = antal_fragor(client, url)
    fyll_kon(29)
    trettio = antal_fragor(client, url)

    print(f"\nPollningen: {len(tomt)} frågor utan nya, {en} / {trettio} med nya")
    assert en == trettio == len(tomt) == API_LISTANS_FRAGOR


def test_handlaggarens_lista_har_konstant_antal_fragor(
    client, kommun, vagledare, handlaggare_a, forvaltning_a
):
    """The handläggare's escalated ärenden cost the same for 2 rows or 20."""
    client.force_login(handlaggare_a)

    def eskalera(antal: int) -> None:
        for _ in range(antal):
            arende = ArendeFactory(kommun=kommun, av=vagledare, kontakt=KontaktFactory())
            services.arende_eskalera(
                arende=arende, av=vagledare, forvaltning=forvaltning_a, orsak="Bedömning."
            )

    eskalera(2)
    fa = antal_fragor(client, "/")
    eskalera(18)
    manga = antal_fragor(client, "/")

    assert fa == manga == KONS_FRAGOR
