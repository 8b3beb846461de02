"""Threading, kvitto and answers, through Dovecot and a real SMTP sink on loopback."""

from email import message_from_bytes, policy

from django.core.management import call_command
from django.urls import reverse

from arenden import services as arende_services
from arenden.models import Arende, Status, Utfall
from kanaler.epost import tasks
from kanaler.epost.models import Inkommet, Kvittomall, Signatur, Utskick
from tests.epost.conftest import lagg_in, las_eml


def _hamta():
    call_command("hamta_epost")


def _skicka_alla():
    for pk in Utskick.objects.filter(status="koad").values_list("pk", flat=True):
        tasks.skicka_utskick.apply(args=[pk])


def _svar_pa(namn: str, *, arende: Arende, message_id: str = "<saknas@example.se>") -> bytes:
    """A corpus mail aimed at `arende`: its tag and our Message-ID filled in."""
    return (
        las_eml(namn)
        .replace(b"KC-NUMMER", arende.nummer.encode())
        .replace(b"<UTSKICK-ID>", message_id.encode())
    )


def _brev(sink, index=-1):
    return message_from_bytes(sink[index].original_content, policy=policy.default)


def test_nytt_brev_far_kvitto_med_nummer_datum_och_lank(epostkonto, imap, smtp):
    """A new mail gets a kvitto: ärendenummer, the SLA date, a tokenised status link."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    _hamta()
    arende = Arende.objects.get()

    _skicka_alla()

    assert len(smtp) == 1
    brev = _brev(smtp)
    assert brev["To"] == "anna@example.se"
    assert brev["From"] == "kommunen@kommun.example"
    assert f"[{arende.nummer}]" in brev["Subject"]
    assert brev["Auto-Submitted"] == "auto-replied"
    assert brev["In-Reply-To"] == "<vanlig-01@example.se>"
    text = brev.get_content()
    assert arende.nummer in text
    assert "Du får svar senast" in text
    lank = arende.statuslankar.get()
    assert f"/arende/{lank.token}/" in text and len(lank.token) >= 43
    assert Utskick.objects.get().status == "skickad"


def test_kvittomall_per_forvaltning(epostkonto, imap, smtp, forvaltning_a):
    """A förvaltning's own kvitto template is used for its mailbox's ärenden."""
    Kvittomall.objects.create(
        forvaltning=forvaltning_a,
        amne="Tack för din fråga",
        text="Ärende {{ arende.nummer }} hos {{ forvaltning }}. Följ det här: {{ statuslank }}",
    )
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    _hamta()

    _skicka_alla()

    brev = _brev(smtp)
    assert brev["Subject"].startswith("Tack för din fråga")
    assert "hos Samhällsbyggnadsförvaltningen" in brev.get_content()


def test_inget_kvitto_till_autosvar_studs_eller_no_reply(epostkonto, imap):
    """Auto-replies, bounces and no-reply senders never get a kvitto."""
    lagg_in(
        imap,
        *(
            las_eml(f"{n}.eml")
            for n in (
                "21_x_autoreply",
                "23_precedence_bulk",
                "26_out_of_office",
                "29_studs_postmaster",
                "30_no_reply",
            )
        ),
    )

    _hamta()

    assert not Utskick.objects.exists()
    # The auto-replies and bounces belong to no ärende: they wait in the triage list.
    assert Inkommet.objects.filter(status="triage").count() == 4
    assert Arende.objects.count() == 1  # the no-reply mail is still a question to look at


def test_hogst_ett_kvitto_per_avsandare_och_timme(epostkonto, imap):
    """Two new mails from one sender within the hour give one kvitto."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"), las_eml("04_utf8_b_amne.eml"))

    _hamta()

    assert Arende.objects.count() == 2
    assert Utskick.objects.filter(typ="kvitto").count() == 1


def test_franvaro_pa_kvitto_ger_inget_nytt_kvitto(epostkonto, imap, smtp):
    """An out-of-office reply to a kvitto lands on the ärende, reopens nothing, gets no kvitto."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    _hamta()
    _skicka_alla()
    arende = Arende.objects.get()
    kvitto = Utskick.objects.get()
    Utskick.objects.filter(pk=kvitto.pk).update(skapad=kvitto.skapad.replace(year=2020))

    lagg_in(imap, _svar_pa("25_franvaro_svenska.eml", arende=arende, message_id=kvitto.message_id))
    _hamta()
    _skicka_alla()

    assert Arende.objects.count() == 1
    assert Utskick.objects.count() == 1
    assert len(smtp) == 1
    inkommet = Inkommet.objects.get(typ="autosvar")
    assert inkommet.meddelande.arende == arende


def test_autosvar_ateroppnar_inte_ett_besvarat_arende(epostkonto, imap, vagledare):
    """An auto-reply on an answered ärende is stored there without reopening it."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    _hamta()
    arende = Arende.objects.get()
    arende_services.arende_avsluta(arende=arende, av=vagledare, utfall=Utfall.HANVISAT)

    lagg_in(imap, _svar_pa("20_autosvar_auto_submitted.eml", arende=arende))
    _hamta()

    arende.refresh_from_db()
    assert arende.status == Status.AVSLUTAD
    assert arende.meddelanden.count() == 2


def test_svar_med_tagg_ateroppnar_samma_arende(epostkonto, imap, vagledare):
    """A reply with the tag in the subject lands on the same ärende and reopens it."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    _hamta()
    arende = Arende.objects.get()
    arende_services.arende_avsluta(arende=arende, av=vagledare, utfall=Utfall.HANVISAT)

    lagg_in(imap, _svar_pa("17_svar_med_tagg.eml", arende=arende))
    _hamta()

    assert Arende.objects.count() == 1
    arende.refresh_from_db()
    assert arende.status == Status.PAGAENDE
    assert arende.meddelanden.filter(riktning="in").count() == 2


def test_svar_ut_och_svar_tillbaka_landar_pa_samma_arende(
    epostkonto, imap, smtp, vagledare, api_client
):
    """An answer goes out over SMTP; the citizen's reply to it lands on the same ärende."""
    Signatur.objects.create(
        anvandare=vagledare,
        befattning="Kommunvägledare",
        postadress="Box 1, 123 45 Exempelstad",
        telefon="0123-45 67 89",
        webbplats="https://kommun.example",
    )
    lagg_in(imap, las_eml("02_amne_iso8859_1_q.eml"))
    _hamta()
    arende = Arende.objects.get()

    svar = api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/",
        {"text": "Förskolan börjar i augusti."},
        format="json",
    )
    assert svar.status_code == 200, svar.content

    # Not answered before the SMTP server accepted it.
    arende.refresh_from_db()
    assert arende.besvarad is None
    assert arende.status != Status.BESVARAD
    utskick = Utskick.objects.get(typ="svar")
    assert utskick.status == "koad"

    tasks.skicka_utskick.apply(args=[utskick.pk])

    arende.refresh_from_db()
    assert arende.status == Status.BESVARAD
    assert arende.besvarad is not None
    brev = _brev(smtp)
    assert brev["From"] == "kommunen@kommun.example"
    assert brev["To"] == "anna@example.se"
    assert brev["Message-ID"] == utskick.message_id
    assert brev["In-Reply-To"] == "<iso-02@example.se>"
    assert "<iso-02@example.se>" in brev["References"]
    assert brev["Subject"] == f"SV: Fråga om förskola [{arende.nummer}]"
    text = brev.get_content()
    for rad in (
        "Anna Andersson",
        "Kommunvägledare",
        "Exempelkommun",
        "Box 1, 123 45 Exempelstad",
        "0123-45 67 89",
        "kommunen@kommun.example",
        "https://kommun.example",
    ):
        assert rad in text

    lagg_in(imap, _svar_pa("18_svar_in_reply_to.eml", arende=arende, message_id=utskick.message_id))
    _hamta()

    assert Arende.objects.count() == 1
    arende.refresh_from_db()
    assert arende.status == Status.PAGAENDE
    assert arende.meddelanden.filter(riktning="in").count() == 2


def test_svar_som_inte_gar_fram_visas_ej_skickat_med_forsok_igen(
    epostkonto, imap, smtp, vagledare, api_client, client, settings
):
    """A refused send stays "ej skickat" on the ärende, unanswered, with a retry button."""
    lagg_in(imap, las_eml("02_amne_iso8859_1_q.eml"))
    _hamta()
    arende = Arende.objects.get()
    api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/", {"text": "Svar."}, format="json"
    )
    utskick = Utskick.objects.get(typ="svar")
    riktig_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there

    resultat = tasks.skicka_utskick.apply(args=[utskick.pk])

    assert resultat.failed() or resultat.state == "RETRY"
    utskick.refresh_from_db()
    assert utskick.status == "ej_skickad"
    arende.refresh_from_db()
    assert arende.besvarad is None
    client.force_login(vagledare)
    sida = client.get(reverse("arenden:arende", args=[arende.nummer])).content.decode()
    assert "Ej skickat" in sida
    assert reverse("epost:forsok_igen", args=[utskick.pk]) in sida

    client.post(reverse("epost:forsok_igen", args=[utskick.pk]))
    settings.EMAIL_PORT = riktig_port
    tasks.skicka_utskick.apply(args=[utskick.pk])

    utskick.refresh_from_db()
    assert utskick.status == "skickad"
    arende.refresh_from_db()
    assert arende.status == Status.BESVARAD


def test_studs_pa_vart_svar_hamnar_pa_arendet(epostkonto, imap, smtp, vagledare, api_client):
    """A DSN quoting our answer's Message-ID is stored on that ärende and reopens nothing."""
    lagg_in(imap, las_eml("02_amne_iso8859_1_q.eml"))
    _hamta()
    arende = Arende.objects.get()
    api_client(vagledare).post(
        f"/api/v1/arenden/{arende.nummer}/svara/", {"text": "Svar."}, format="json"
    )
    utskick = Utskick.objects.get(typ="svar")
    tasks.skicka_utskick.apply(args=[utskick.pk])

    lagg_in(imap, _svar_pa("28_studs_dsn.eml", arende=arende, message_id=utskick.message_id))
    _hamta()

    studs = Inkommet.objects.get(typ="studs")
    assert studs.meddelande.arende == arende
    arende.refresh_from_db()
    assert arende.status == Status.BESVARAD
    assert Utskick.objects.filter(typ="kvitto").count() == 1  # only the first mail's


def test_inget_kvitto_nar_kontot_inte_skickar_kvitton(epostkonto, imap):
    """A mailbox with kvitto off opens ärenden without acknowledging them."""
    type(epostkonto).objects.filter(pk=epostkonto.pk).update(skicka_kvitto=False)
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))

    _hamta()

    assert Arende.objects.count() == 1
    assert not Utskick.objects.exists()
