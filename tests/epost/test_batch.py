"""A fetched batch is placed in one transaction, in bulk, with the guarantees of one mail."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenden.models import Arende, Handelse, Kontakt, Meddelande
from kanaler.epost import services
from kanaler.epost.models import Inkommet, Utskick
from tests.epost.conftest import lagg_in, las_eml
from tests.epost.test_hamtning import _fel_vid_insattning, _ta_bort_fel


def _fran(namn: str, avsandare: str) -> bytes:
    """A corpus mail sent by `avsandare` instead of Anna."""
    return las_eml(namn).replace(b"anna@example.se", avsandare.encode())


def _svar_pa_vanlig_01() -> bytes:
    """A reply naming mail 01's Message-ID in In-Reply-To (no tag in the subject)."""
    return las_eml("18_svar_in_reply_to.eml").replace(b"<UTSKICK-ID>", b"<vanlig-01@example.se>")


def test_trasigt_brev_i_batchen_dodmarkeras_och_resten_placeras_en_gang(epostkonto, imap):
    """One mail failing in a batch goes to the dead-letter list; the others (new ärenden, a
    reply to one of them, noise) are placed exactly once, with one kvitto per sender."""
    lagg_in(
        imap,
        las_eml("01_vanlig_utf8.eml"),
        _fran("02_amne_iso8859_1_q.eml", "bertil@example.se"),
        _fran("04_utf8_b_amne.eml", "cecilia@example.se"),
        _svar_pa_vanlig_01(),
        las_eml("26_out_of_office.eml"),
    )
    _fel_vid_insattning("arenden_arende", "NEW.rubrik = 'Fråga om förskola'")

    call_command("hamta_epost")

    dod = Inkommet.objects.get(status="fel")
    assert "krasch i testet" in dod.fel
    assert bytes(dod.ra) == _fran("02_amne_iso8859_1_q.eml", "bertil@example.se")
    assert Arende.objects.count() == 2
    hej = Arende.objects.get(rubrik="Hej")
    assert hej.meddelanden.count() == 2  # the reply landed on it
    assert Meddelande.objects.count() == 3
    assert Inkommet.objects.filter(status="placerad").count() == 3
    assert Inkommet.objects.filter(status="triage").count() == 1
    assert sorted(Utskick.objects.values_list("till", flat=True)) == [
        "anna@example.se",
        "cecilia@example.se",
    ]
    assert Handelse.objects.filter(typ="skapat").count() == 2

    _ta_bort_fel("arenden_arende")
    call_command("hamta_epost", "--omprova")

    assert Arende.objects.filter(rubrik="Fråga om förskola").count() == 1
    assert Utskick.objects.filter(till="bertil@example.se").count() == 1
    assert not Inkommet.objects.filter(status="fel").exists()


def test_svar_i_samma_batch_hamnar_pa_arendet_det_svarar_pa(epostkonto, imap):
    """A mail and a reply to it fetched together give one ärende with both messages."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"), _svar_pa_vanlig_01())

    call_command("hamta_epost")

    arende = Arende.objects.get()
    assert list(arende.meddelanden.order_by("id").values_list("amne", flat=True)) == [
        "Hej",
        "Re: Ditt ärende",
    ]
    assert Utskick.objects.count() == 1


def test_ny_batch_skapar_arenden_som_ett_och_ett(epostkonto, imap):
    """Each new ärende of a batch has its number, SLA, kontakt, first message and timeline;
    a sender writing twice is one kontakt and gets one kvitto."""
    brev = [
        _fran("01_vanlig_utf8.eml", avsandare).replace(b"vanlig-01", f"v{n}".encode())
        for n, avsandare in enumerate(["a0@example.se", "a0@example.se", "a1@example.se"])
    ]
    lagg_in(imap, *brev, _fran("16_utan_message_id.eml", "a0@example.se"))

    call_command("hamta_epost")

    arenden = list(Arende.objects.order_by("nummer"))
    assert len(arenden) == 4
    assert len({a.nummer for a in arenden}) == 4
    for arende in arenden:
        assert arende.svar_senast > arende.inkom
        assert arende.forvaltning == epostkonto.forvaltning
        assert arende.kanal == "epost"
        assert arende.meddelanden.count() == 1
        typer = list(arende.handelser.order_by("id").values_list("typ", flat=True))
        assert typer == ["skapat", "meddelande_in"]
    assert [a.kontakt.epost for a in arenden] == [
        "a0@example.se",
        "a0@example.se",
        "a1@example.se",
        "a0@example.se",
    ]
    assert Kontakt.objects.count() == 2
    assert sorted(Utskick.objects.values_list("till", flat=True)) == [
        "a0@example.se",
        "a1@example.se",
    ]


def _lagra(konto, antal: int, start: int) -> list[Inkommet]:
    """Store `antal` new, distinct mails from p<n>@example.se as a run's commit 1 would."""
    rader = []
    for n in range(start, start + antal):
        mall, mid = (
            ("10_bilaga_pdf.eml", b"bilaga-10") if n % 2 else ("01_vanlig_utf8.eml", b"vanlig-01")
        )
        ra = _fran(mall, f"p{n}@example.se").replace(mid, f"p{n}".encode())
        rader.append(
            Inkommet(
                konto=konto,
                nyckel=f"<p{n}@example.se>",
                uidvalidity=1,
                uid=n,
                ra=ra,
                storlek=len(ra),
            )
        )
    return Inkommet.objects.bulk_create(rader)


def test_placering_av_en_batch_kostar_lika_manga_fragor_oavsett_storlek(epostkonto):
    """Placing new mails costs a fixed number of queries per batch, not per mail."""
    # The first batch also reads what is cached afterwards (the kvitto template).
    services.inkommet_placera_manga(rader=_lagra(epostkonto, 1, 1000))
    sma = _lagra(epostkonto, 3, 0)
    stora = _lagra(epostkonto, 30, 100)

    with CaptureQueriesContext(connection) as fa:
        services.inkommet_placera_manga(rader=sma)
    with CaptureQueriesContext(connection) as manga:
        services.inkommet_placera_manga(rader=stora)

    assert len(manga) == len(fa)
    assert Arende.objects.count() == 34
    assert Utskick.objects.count() == 34


def test_batchens_kvitton_koas_som_ett_meddelande_efter_commit(
    epostkonto, imap, django_capture_on_commit_callbacks
):
    """A batch's kvitton are queued once, after the commit, however many there are."""
    lagg_in(
        imap,
        _fran("01_vanlig_utf8.eml", "k0@example.se"),
        *(
            _fran("04_utf8_b_amne.eml", f"k{n}@example.se").replace(b"utf8b-04", f"u{n}".encode())
            for n in range(1, 5)
        ),
    )

    with django_capture_on_commit_callbacks() as efter_commit:
        call_command("hamta_epost")

    assert Utskick.objects.filter(typ="kvitto", status="koad").count() == 5
    assert len(efter_commit) == 1


def test_kand_kontakt_utan_namn_far_namnet_ur_batchen(epostkonto):
    """A known address is the known kontakt (the oldest) and gets the sender's name if it
    had none, as for one mail."""
    aldst = Kontakt.objects.create(epost="p0@example.se")
    Kontakt.objects.create(epost="p0@example.se", namn="Yngre dubblett")

    services.inkommet_placera_manga(rader=_lagra(epostkonto, 1, 0))

    aldst.refresh_from_db()
    assert aldst.namn == "Anna Medborgare"
    assert Arende.objects.get().kontakt == aldst
    assert Kontakt.objects.count() == 2
