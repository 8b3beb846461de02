"""Diarieföring over real HTTP against the Platina simulator, one fault class at a time.

The send service is called directly, one attempt per call, so that each test can look at
the outbox row between attempts; the Celery wiring has its own test (test_celery.py).
"""

import time
from datetime import date, timedelta

import pytest
from django.utils import timezone

from arenden.models import Handelse
from platina_bridge import services, tasks
from platina_bridge.errors import PlatinaBehorighet, PlatinaOklartUtfall, PlatinaTillfalligt
from platina_bridge.klient import HttpPlatinaKlient, NyttFall
from platina_bridge.models import PlatinaRegistrering, Tillstand
from tests.factories import ArendeFactory
from tests.platina_bridge.conftest import OKLART_VANTA

AR = date.today().year


@pytest.fixture
def eskalera(
    api_client, vagledare, forvaltning_b, kategori_diarieford, django_capture_on_commit_callbacks
):
    """Escalate a new diarieförd ärende through the API; return its outbox row."""

    def gor(**arende) -> PlatinaRegistrering:
        arende.setdefault("kategori", kategori_diarieford)
        a = ArendeFactory(av=vagledare, **arende)
        with django_capture_on_commit_callbacks() as efter_commit:
            svar = api_client(vagledare).post(
                f"/api/v1/arenden/{a.nummer}/eskalera/",
                {
                    "forvaltning": forvaltning_b.pk,
                    "orsak": "Kräver handläggning.",
                    "diariefor": True,
                },
                format="json",
            )
        assert svar.status_code == 200, svar.content
        # The send is queued after commit, not run inside the request.
        assert len(efter_commit) == 1
        return PlatinaRegistrering.objects.get(arende=a)

    return gor


def skicka(registrering: PlatinaRegistrering) -> PlatinaRegistrering:
    services.registrering_skicka(registrering_id=registrering.pk)
    return PlatinaRegistrering.objects.get(pk=registrering.pk)


def test_registrering_hela_vagen(simulator, eskalera):
    """An escalation with diarieföring ends as one Platina case, its number on the ärende."""
    # given
    registrering = eskalera()
    assert registrering.tillstand == Tillstand.KOAD
    assert registrering.idempotensnyckel == registrering.arende.nummer
    # when
    registrering = skicka(registrering)
    # then
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.diarienummer == f"KS {AR}/1"
    arende = registrering.arende
    arende.refresh_from_db()
    assert arende.diarienummer == f"KS {AR}/1"
    handelse = arende.handelser.get(typ=Handelse.Typ.DIARIEFORT)
    assert handelse.data == {"diarienummer": f"KS {AR}/1", "manuellt": False}
    tillstand = simulator.tillstand()
    assert tillstand["arenden"] == 1
    assert tillstand["externa_referenser"] == [arende.nummer]
    fall = HttpPlatinaKlient().hamta_status(fall_id=registrering.platina_id)
    assert [h["externalReference"] for h in fall.handlingar] == [f"{arende.nummer}/in"]


def test_numrering_i_ordning(simulator, eskalera):
    """The simulator numbers cases KS <år>/1, 2, … in the order they arrive."""
    forsta, andra = eskalera(), eskalera()
    assert skicka(forsta).diarienummer == f"KS {AR}/1"
    assert skicka(andra).diarienummer == f"KS {AR}/2"


def test_eskalering_utan_diarieforing_koar_inget(simulator, api_client, vagledare, forvaltning_a):
    """An escalation not to be diariefört writes no outbox row."""
    a = ArendeFactory(av=vagledare)
    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{a.nummer}/eskalera/",
        {"forvaltning": forvaltning_a.pk, "orsak": "Fråga för förvaltningen.", "diariefor": False},
        format="json",
    )
    assert svar.status_code == 200
    assert not PlatinaRegistrering.objects.exists()


@pytest.mark.parametrize("fel", [{"fel_andel": 1.0}])
def test_5xx_och_429_forsoks_igen(simulator, eskalera, fel):
    """500 and 429 leave the row 'försöker igen' with the error; the next try registers it."""
    registrering = eskalera()
    simulator.fel(**fel)
    for _ in range(2):  # one 500, one 429
        with pytest.raises(PlatinaTillfalligt):
            skicka(registrering)
        registrering.refresh_from_db()
        assert registrering.tillstand == Tillstand.FORSOKER_IGEN
        assert registrering.senaste_felkod == "platina_tillfalligt"
    simulator.fel(fel_andel=0.0)
    registrering = skicka(registrering)
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.forsok == 3
    assert simulator.tillstand()["arenden"] == 1


def test_latens_over_timeout_ger_okant_utfall_och_ett_arende(simulator, eskalera, settings):
    """A create slower than the client's timeout is an unknown outcome, reconciled by lookup.

    The slow request is still on its way into Platina when the client gives up: a retry
    right away finds nothing, and must not create a second case because of that.
    """
    # The wait must outlast Platina's slowest request: 2 s here.
    settings.PLATINA = {**settings.PLATINA, "OKLART_VANTA_SEKUNDER": 3.0}
    registrering = eskalera()
    simulator.fel(latens_ms=2000)
    with pytest.raises(PlatinaOklartUtfall):
        skicka(registrering)
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.OKANT_UTFALL
    simulator.fel(latens_ms=0)
    with pytest.raises(PlatinaOklartUtfall, match="på väg in"):
        skicka(registrering)
    time.sleep(3.0)
    # By now the slow request has committed in Platina; the lookup finds it.
    registrering = skicka(registrering)
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert simulator.tillstand()["arenden"] == 1


def test_commit_sedan_timeout_och_omforsok_ger_exakt_ett_arende(simulator, eskalera):
    """After "commit then time out", retries find the first case instead of making a second."""
    registrering = eskalera()
    simulator.fel(tidsgrans_andel=1.0, stall_sekunder=1.0)
    with pytest.raises(PlatinaOklartUtfall):
        skicka(registrering)
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.OKANT_UTFALL
    assert simulator.tillstand()["arenden"] == 1
    # The handling times out the same way on the next try; the case is found, not re-made.
    time.sleep(OKLART_VANTA)
    with pytest.raises(PlatinaOklartUtfall):
        skicka(registrering)
    simulator.fel(tidsgrans_andel=0.0)
    time.sleep(OKLART_VANTA)
    registrering = skicka(registrering)
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.diarienummer == f"KS {AR}/1"
    tillstand = simulator.tillstand()
    assert tillstand["arenden"] == 1
    fall = HttpPlatinaKlient().hamta_status(fall_id=registrering.platina_id)
    assert len(fall.handlingar) == 1


def test_utgangen_token_fornyas_en_gang(simulator, eskalera):
    """A 401 on an expired token fetches a new one once and the request goes through."""
    forsta, andra = eskalera(), eskalera()
    assert skicka(forsta).tillstand == Tillstand.REGISTRERAD
    simulator.fel(aterkalla_tokens=True)
    assert skicka(andra).tillstand == Tillstand.REGISTRERAD
    assert simulator.tillstand()["anrop"]["POST oauth2/token"] == 2


def test_avvisade_inloggningsuppgifter_larmar_och_forsoks_igen(simulator, eskalera, caplog):
    """Refused credentials are an auth error: logged as an error, the row kept for retry."""
    registrering = eskalera()
    simulator.fel(avvisa_klient=True)
    with pytest.raises(PlatinaBehorighet):
        skicka(registrering)
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.FORSOKER_IGEN
    assert registrering.senaste_felkod == "platina_behorighet"
    assert "nekar bryggan åtkomst" in caplog.text
    simulator.fel(avvisa_klient=False)
    assert skicka(registrering).tillstand == Tillstand.REGISTRERAD


def test_simulatorn_nere_en_timme_och_tillbaka(simulator, eskalera):
    """Connection refused for a (simulated) hour: the beat task re-sends and it registers."""
    registrering = eskalera()
    simulator.fel(nere_sekunder=2)
    simulator.vanta_tills_nere()
    with pytest.raises(PlatinaTillfalligt):
        skicka(registrering)
    registrering.refresh_from_db()
    assert registrering.tillstand == Tillstand.FORSOKER_IGEN
    assert "går inte att nå" in registrering.senaste_fel
    # An hour later the task's own retries have run out; the beat task picks the row up.
    om_en_timme = timezone.now() + timedelta(hours=1)
    assert services.registreringar_skicka_fastnade(nu=om_en_timme) == [registrering.pk]
    simulator.vanta_tills_uppe()
    registrering = skicka(registrering)
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert simulator.tillstand()["arenden"] == 1


def test_valideringsfel_kraver_atgard_och_forsoks_inte_igen(simulator, eskalera):
    """Platina's 400 parks the row for a registrator with Platina's message; no retry."""
    registrering = eskalera(sekretess=True)
    registrering = skicka(registrering)
    assert registrering.tillstand == Tillstand.KRAVER_ATGARD
    assert registrering.senaste_felkod == "platina_validering"
    assert "confidentialParagraphs" in registrering.senaste_fel
    anrop = simulator.tillstand()["anrop"]
    # Neither the task nor the beat task sends it again.
    assert skicka(registrering).tillstand == Tillstand.KRAVER_ATGARD
    tasks.registrering_skicka.apply(args=[registrering.pk])
    om_en_dag = timezone.now() + timedelta(days=1)
    assert services.registreringar_skicka_fastnade(nu=om_en_dag) == []
    assert simulator.tillstand()["anrop"] == anrop
    assert simulator.tillstand()["arenden"] == 0


def test_arbetare_som_dog_mitt_i_sandningen(simulator, eskalera):
    """A row stuck in 'skickas' after its case was created is re-sent and finds that case."""
    registrering = eskalera()
    # given: a worker marked it sending, created the case, and died before recording it
    PlatinaRegistrering.objects.filter(pk=registrering.pk).update(
        tillstand=Tillstand.SKICKAS, forsok=1
    )
    HttpPlatinaKlient().registrera_arende(
        diarium="1",
        fall=NyttFall(
            extern_referens=registrering.idempotensnyckel,
            titel="Ansökan",
            beskrivning="Ansökan",
            arendetyp_id=1,
            status_id=1,
            ursprung="Kontaktcenter",
        ),
    )
    # when: the beat task finds it stuck and it is sent again
    senare = timezone.now() + timedelta(minutes=20)
    assert services.registreringar_skicka_fastnade(nu=senare) == [registrering.pk]
    registrering = skicka(registrering)
    # then
    assert registrering.tillstand == Tillstand.REGISTRERAD
    assert registrering.diarienummer == f"KS {AR}/1"
    assert simulator.tillstand()["arenden"] == 1


def test_ny_eskalering_koar_ingen_andra_registrering(
    simulator, eskalera, api_client, vagledare, forvaltning_b
):
    """An ärende escalated again after reopening keeps its one registration."""
    registrering = skicka(eskalera())
    arende = registrering.arende
    klient = api_client(vagledare)
    arende.refresh_from_db()
    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/avsluta/",
        {"utfall": "eskalerat", "version": arende.version},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    arende.refresh_from_db()
    klient.post(
        f"/api/v1/arenden/{arende.nummer}/ateroppna/", {"version": arende.version}, format="json"
    )
    arende.refresh_from_db()
    svar = klient.post(
        f"/api/v1/arenden/{arende.nummer}/eskalera/",
        {"forvaltning": forvaltning_b.pk, "orsak": "Igen.", "diariefor": True},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    assert PlatinaRegistrering.objects.filter(arende=arende).count() == 1
