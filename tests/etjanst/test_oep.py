"""Open ePlatform: polling its REST API and reporting status back, against a fake on loopback."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from arenden.models import Arende, Kanal, Status
from kanaler.etjanst import tasks
from kanaler.etjanst.models import Inlamning, OepAterrapport, OepFelaktigInstans, OepHamtning
from tests.etjanst.oep_fake import instans_xml

pytestmark = pytest.mark.django_db


def _hamta() -> dict:
    return tasks.oep_hamta.apply().get()


def _skicka(arende: Arende):
    inlamning = Inlamning.objects.get(arende=arende)
    return tasks.aterrapporter_skicka.apply(args=[inlamning.pk])


def test_hamtning_skapar_arenden(oep):
    """A poll turns each listed FlowInstance (ISO-8859-1) into one e-tjänst ärende."""
    oep.lagg_till(1001)
    oep.lagg_till(1002, instans_xml(1002, tjanst="Anmälan om ändrad hämtning av kärl"))

    resultat = _hamta()

    assert resultat == {"766": {"nya": 2, "kanda": 0, "flaggade": 0}}
    assert sorted(Inlamning.objects.values_list("extern_id", flat=True)) == [
        "oeplatform-1001",
        "oeplatform-1002",
    ]
    arende = Arende.objects.select_related("kontakt").get(inlamningar__extern_id="oeplatform-1002")
    assert arende.kanal == Kanal.ETJANST
    assert arende.rubrik == "Anmälan om ändrad hämtning av kärl"
    assert arende.kontakt.namn == "Åsa Öberg"
    assert "Elevens namn: Märta Öberg" in arende.meddelanden.get().text
    idag = timezone.localdate()
    assert oep.listningar == [
        {"fromDate": (idag - timedelta(days=7)).isoformat(), "toDate": str(idag + timedelta(1))}
    ]
    hamtning = OepHamtning.objects.get(familj="766")
    assert hamtning.senast_lyckad is not None and hamtning.hogsta_instans == 1002


def test_andra_hamtningen_skapar_inget(oep):
    """A second poll over the same instances creates nothing and fetches nothing again."""
    oep.lagg_till(1001)
    oep.lagg_till(1002)
    _hamta()

    resultat = _hamta()

    assert resultat == {"766": {"nya": 0, "kanda": 2, "flaggade": 0}}
    assert Arende.objects.count() == 2
    assert sorted(oep.hamtade) == ["1001", "1002"]
    # The second poll reaches back one day before the first one's time, not seven.
    senast = OepHamtning.objects.get().senast_lyckad
    assert oep.listningar[1]["fromDate"] == timezone.localdate(senast - timedelta(1)).isoformat()


def test_serverfel_vid_listning_tappar_inget(oep, caplog):
    """A server error on the list is logged, moves no watermark; the next poll takes all."""
    oep.lagg_till(1001)
    oep.lista_fel = 1

    with caplog.at_level(logging.WARNING, logger="kanaler.etjanst.oep"):
        assert _hamta() == {"766": "oep_http_500"}

    assert Arende.objects.count() == 0
    hamtning = OepHamtning.objects.get()
    assert hamtning.senast_lyckad is None and "500" in hamtning.senaste_fel
    assert "familj 766" in caplog.text

    assert _hamta() == {"766": {"nya": 1, "kanda": 0, "flaggade": 0}}
    assert oep.listningar[0]["fromDate"] == oep.listningar[1]["fromDate"]
    assert OepHamtning.objects.get().senaste_fel == ""


def test_okand_familj_stoppar_inte_de_andra(oep, settings):
    """A flow family the platform does not know is logged as failed; the others are polled."""
    settings.OEP = {**settings.OEP, "FAMILJER": ["999", "766"]}
    oep.lagg_till(1001)

    assert _hamta() == {"999": "oep_http_404", "766": {"nya": 1, "kanda": 0, "flaggade": 0}}
    assert OepHamtning.objects.get(familj="999").senast_lyckad is None
    assert OepHamtning.objects.get(familj="766").senast_lyckad is not None


def test_serverfel_vid_hamtning_av_en_instans_tappar_inget(oep):
    """A failed fetch stops the poll before the watermark moves; the next poll finishes it."""
    for instans in (1001, 1002, 1003):
        oep.lagg_till(instans)
    oep.hamta_fel = {"1002"}

    assert _hamta() == {"766": "oep_http_500"}
    assert list(Inlamning.objects.values_list("extern_id", flat=True)) == ["oeplatform-1001"]
    assert OepHamtning.objects.get().senast_lyckad is None

    oep.hamta_fel = set()
    assert _hamta() == {"766": {"nya": 2, "kanda": 1, "flaggade": 0}}
    assert Arende.objects.count() == 3
    assert oep.hamtade.count("1001") == 1


def test_felaktig_instans_flaggas_och_resten_tas_emot(oep, caplog):
    """A malformed instance is kept and logged with its id; the others become ärenden."""
    oep.lagg_till(1001)
    trasig = instans_xml(1002).replace(b"</Values>", b"</Valuez>")
    oep.lagg_till(1002, trasig)
    oep.lagg_till(1003)

    with caplog.at_level(logging.ERROR, logger="kanaler.etjanst.oep"):
        resultat = _hamta()

    assert resultat == {"766": {"nya": 2, "kanda": 0, "flaggade": 1}}
    assert sorted(Inlamning.objects.values_list("extern_id", flat=True)) == [
        "oeplatform-1001",
        "oeplatform-1003",
    ]
    flaggad = OepFelaktigInstans.objects.get()
    assert (flaggad.instans_id, flaggad.felkod) == ("1002", "xml_syntax")
    assert bytes(flaggad.innehall) == trasig
    assert "1002" in caplog.text
    assert OepHamtning.objects.get().senast_lyckad is not None

    # Corrected in the platform: the next poll takes it and the flag goes.
    oep.lagg_till(1002)
    assert _hamta() == {"766": {"nya": 1, "kanda": 2, "flaggade": 0}}
    assert not OepFelaktigInstans.objects.exists()


def test_statusandringar_och_svar_nar_open_eplatform(oep, api_client, vagledare):
    """Taken, answered (status and the answer as a message) and closed reach the platform."""
    oep.lagg_till(1001)
    _hamta()
    arende = Arende.objects.get()
    klient = api_client(vagledare)
    bas = f"/api/v1/arenden/{arende.nummer}"

    assert klient.post(f"{bas}/tilldela/", {}, format="json").status_code == 200
    svar = klient.post(f"{bas}/svara/", {"text": "Skolskjuts är beviljad från måndag."})
    assert svar.status_code == 200, svar.content
    avslut = klient.post(f"{bas}/avsluta/", {"utfall": "lost_av_kontaktcenter"}, format="json")
    assert avslut.status_code == 200, avslut.content
    _skicka(arende)

    assert [
        (a.operation, a.falt.get("statusAlias") or a.falt.get("message")) for a in oep.anrop
    ] == [
        ("setStatus", "Under handläggning"),
        ("setStatus", "Besvarad"),
        ("addMessage", "Skolskjuts är beviljad från måndag."),
        ("setStatus", "Avslutad"),
    ]
    assert {a.falt["flowInstanceID"] for a in oep.anrop} == {"1001"}
    assert set(OepAterrapport.objects.values_list("tillstand", flat=True)) == {"skickad"}

    # Sent once: a second run sends nothing.
    _skicka(arende)
    assert len(oep.anrop) == 4


def test_aterrapport_koas_efter_commit(oep, vagledare, django_capture_on_commit_callbacks):
    """The report is queued with the ärende's transaction and sent only after it commits."""
    from arenden import services as arende_services

    oep.lagg_till(1001)
    _hamta()
    arende = Arende.objects.get()

    with django_capture_on_commit_callbacks(execute=False) as efter_commit:
        arende_services.arende_tilldela(arende=arende, av=vagledare, till=vagledare)

    assert OepAterrapport.objects.get().tillstand == "koad"
    assert len(efter_commit) == 1
    assert oep.anrop == []


def test_misslyckad_aterrapport_forsoks_igen(oep, api_client, vagledare):
    """A callback that fails is retried with backoff and arrives, once and in order."""
    oep.lagg_till(1001)
    _hamta()
    arende = Arende.objects.get()
    api_client(vagledare).post(f"/api/v1/arenden/{arende.nummer}/tilldela/", {}, format="json")
    oep.callback_fel = 2  # MAX_FORSOK is 2: the third try gets through

    _skicka(arende)

    assert [a.falt["statusAlias"] for a in oep.anrop] == ["Under handläggning"]
    rapport = OepAterrapport.objects.get()
    assert (rapport.tillstand, rapport.forsok) == ("skickad", 3)


def test_aterrapport_som_inte_gar_fram_tappas_inte(oep, api_client, vagledare):
    """When every retry fails the report waits, and the beat task sends it later, in order."""
    oep.lagg_till(1001)
    _hamta()
    arende = Arende.objects.get()
    klient = api_client(vagledare)
    klient.post(f"/api/v1/arenden/{arende.nummer}/tilldela/", {}, format="json")
    klient.post(f"/api/v1/arenden/{arende.nummer}/svara/", {"text": "Klart."})
    oep.callback_fel = 100

    resultat = _skicka(arende)

    assert resultat.failed()
    assert oep.anrop == []
    # The first failed and stopped the line: the answer must not overtake "taken".
    assert list(OepAterrapport.objects.values_list("tillstand", flat=True)) == [
        "forsoker_igen",
        "koad",
        "koad",
    ]
    assert Arende.objects.get().status == Status.BESVARAD

    oep.callback_fel = 0
    OepAterrapport.objects.update(uppdaterad=timezone.now() - timedelta(hours=1))
    from kanaler.etjanst import oep as oep_services

    assert oep_services.aterrapporter_skicka_fastnade() == [Inlamning.objects.get().pk]
    _skicka(arende)
    assert [a.operation for a in oep.anrop] == ["setStatus", "setStatus", "addMessage"]


def test_arenden_fran_andra_kanaler_rapporteras_inte(oep, api_client, vagledare, plattform_klient):
    """Only ärenden that came from Open ePlatform are reported back; JSON submissions are not."""
    svar = plattform_klient.post(
        "/api/v1/kanaler/etjanst/inlamning/",
        {"tjanst": "Felanmälan", "extern_id": "annan-1", "svar": []},
        format="json",
    )
    nummer = svar.json()["arende"]

    api_client(vagledare).post(f"/api/v1/arenden/{nummer}/tilldela/", {}, format="json")

    assert not OepAterrapport.objects.exists()
