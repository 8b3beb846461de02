"""Ingestion against a real Dovecot: nothing lost, nothing twice, one bad mail stops nothing."""

from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from arenden.models import Arende, Bilaga, Meddelande
from kanaler.epost import hamtning, tasks
from kanaler.epost.models import Epostkonto, Inkommet
from kontaktcenter.celery import app
from tests.epost.conftest import DATA, lagg_in, las_eml

VANLIGA = ["01_vanlig_utf8", "02_amne_iso8859_1_q", "10_bilaga_pdf", "16_utan_message_id"]


def _hamta(konto=None, *flaggor):
    args = ["hamta_epost", *flaggor]
    if konto is not None:
        args += ["--konto", konto.namn]
    call_command(*args)


def _fel_vid_insattning(tabell: str, villkor: str = "true") -> None:
    """Make every matching INSERT into `tabell` fail, as a crash at that point would."""
    with connection.cursor() as c:
        c.execute(
            "CREATE FUNCTION kc_test_krasch() RETURNS trigger AS $$ BEGIN "
            f"IF {villkor} THEN RAISE EXCEPTION 'krasch i testet'; END IF; RETURN NEW; "
            "END $$ LANGUAGE plpgsql"
        )
        c.execute(
            f"CREATE TRIGGER kc_test_krasch BEFORE INSERT ON {tabell} "
            "FOR EACH ROW EXECUTE FUNCTION kc_test_krasch()"
        )


def _ta_bort_fel(tabell: str) -> None:
    with connection.cursor() as c:
        c.execute(f"DROP TRIGGER kc_test_krasch ON {tabell}")
        c.execute("DROP FUNCTION kc_test_krasch()")


def test_hela_korpusen_hamtas_en_gang_och_flaggas(epostkonto, imap):
    """Every mail of the corpus is stored once, and flagged on the server only after that."""
    korpus = sorted(DATA.glob("*.eml"))
    assert len(korpus) >= 30
    lagg_in(imap, *(f.read_bytes() for f in korpus))

    _hamta(epostkonto)

    assert Inkommet.objects.count() == len(korpus)
    assert not Inkommet.objects.filter(status__in=["ny", "fel"]).exists()
    assert not Inkommet.objects.filter(markerad=False).exists()
    imap.select_folder("INBOX")
    flaggade = imap.search(["KEYWORD", hamtning.FLAGGA.decode()])
    assert len(flaggade) == len(korpus)
    # Every raw source is kept byte for byte.
    for f in korpus:
        assert any(bytes(i.ra) == f.read_bytes() for i in Inkommet.objects.all())


def test_tva_korningar_skapar_inga_dubbletter(epostkonto, imap):
    """Running hamta_epost twice on the same mailbox creates no duplicate."""
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA))

    _hamta(epostkonto)
    _hamta(epostkonto)

    assert Arende.objects.count() == len(VANLIGA)
    assert Inkommet.objects.count() == len(VANLIGA)


def test_omlasning_utan_flaggor_skapar_inga_dubbletter(epostkonto, imap):
    """Mails read again from UID 1 with their flags gone (even without Message-ID) stay single."""
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA))
    _hamta(epostkonto)
    imap.select_folder("INBOX")
    imap.remove_flags(imap.search("ALL"), [hamtning.FLAGGA])
    Epostkonto.objects.filter(pk=epostkonto.pk).update(senaste_uid=0)

    _hamta(epostkonto)

    assert Arende.objects.count() == len(VANLIGA)
    assert Inkommet.objects.count() == len(VANLIGA)


def test_ny_uidvalidity_laser_om_mappen_utan_dubbletter(epostkonto, imap):
    """A recreated folder (new UIDVALIDITY, same mails, new ones) is re-read without duplicates."""
    imap.create_folder("Funktion")
    Epostkonto.objects.filter(pk=epostkonto.pk).update(mapp="Funktion")
    epostkonto.refresh_from_db()
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA), mapp="Funktion")
    _hamta(epostkonto)
    gammal = Epostkonto.objects.get(pk=epostkonto.pk).uidvalidity
    imap.delete_folder("Funktion")
    imap.create_folder("Funktion")
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA), mapp="Funktion")
    lagg_in(imap, las_eml("04_utf8_b_amne.eml"), mapp="Funktion")

    _hamta(epostkonto)

    assert Epostkonto.objects.get(pk=epostkonto.pk).uidvalidity != gammal
    assert Arende.objects.count() == len(VANLIGA) + 1
    assert Inkommet.objects.count() == len(VANLIGA) + 1


def test_krasch_mellan_hamtning_och_commit_tappar_inget(epostkonto, imap):
    """A crash after the fetch, before the commit, loses nothing: the next run stores all once."""
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA))
    _fel_vid_insattning("epost_inkommet")

    with pytest.raises(DatabaseError):
        hamtning.konto_hamta(konto=epostkonto)
    assert Inkommet.objects.count() == 0
    imap.select_folder("INBOX")
    assert imap.search(["KEYWORD", hamtning.FLAGGA.decode()]) == []

    _ta_bort_fel("epost_inkommet")
    epostkonto.refresh_from_db()
    _hamta(epostkonto)

    assert Inkommet.objects.count() == len(VANLIGA)
    assert Arende.objects.count() == len(VANLIGA)
    assert Meddelande.objects.count() == len(VANLIGA)
    imap.select_folder("INBOX")
    assert len(imap.search(["KEYWORD", hamtning.FLAGGA.decode()])) == len(VANLIGA)


def test_krasch_efter_lagring_placeras_nasta_gang(epostkonto, imap):
    """Mails stored by a run that died before placing them are placed, once, by the next run."""
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA))
    _fel_vid_insattning("arenden_arende")
    hamtning.konto_hamta(konto=epostkonto)
    # The placing failed for every mail: all wait in the dead-letter list, bytes kept.
    assert Inkommet.objects.filter(status="fel").count() == len(VANLIGA)
    assert Arende.objects.count() == 0
    _ta_bort_fel("arenden_arende")

    # A crashed run looks the same as status "ny"; the next run places those first.
    Inkommet.objects.update(status="ny")
    _hamta(epostkonto)

    assert Arende.objects.count() == len(VANLIGA)
    assert Inkommet.objects.filter(status="placerad").count() == len(VANLIGA)


def test_ett_trasigt_brev_stoppar_inte_korningen_och_kan_omprovas(epostkonto, imap):
    """One mail that fails goes to the dead-letter list; the rest go on; --omprova places it."""
    lagg_in(imap, *(las_eml(f"{n}.eml") for n in VANLIGA))
    _fel_vid_insattning("arenden_arende", "NEW.rubrik = 'Fråga om förskola'")

    _hamta(epostkonto)

    assert Arende.objects.count() == len(VANLIGA) - 1
    dod = Inkommet.objects.get(status="fel")
    assert "krasch i testet" in dod.fel
    assert bytes(dod.ra) == las_eml("02_amne_iso8859_1_q.eml")

    _ta_bort_fel("arenden_arende")
    _hamta(epostkonto, "--omprova")

    assert Arende.objects.filter(rubrik="Fråga om förskola").count() == 1
    assert not Inkommet.objects.filter(status="fel").exists()


def test_las_i_redis_hindrar_overlappande_korning(epostkonto, imap):
    """A second run while one holds the mailbox's lock fetches nothing and returns at once."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))
    las = redis.Redis.from_url(settings.REDIS_URL).lock(hamtning._lasnamn(epostkonto), timeout=30)
    assert las.acquire(blocking=False)
    try:
        resultat = hamtning.konto_hamta(konto=epostkonto)
    finally:
        las.release()

    assert resultat.upptagen
    assert Inkommet.objects.count() == 0


def test_for_stort_brev_hamtas_inte_men_blir_arende(epostkonto, imap, settings):
    """A mail over the size limit is not downloaded; its headers become an ärende with a note."""
    settings.KONTAKTCENTER_EPOST = {**settings.KONTAKTCENTER_EPOST, "MAX_STORLEK": 100_000}
    lagg_in(imap, las_eml("32_stor_bilaga.eml"))

    _hamta(epostkonto)

    inkommet = Inkommet.objects.get()
    assert inkommet.bara_huvud
    assert len(bytes(inkommet.ra)) < 2000
    meddelande = inkommet.meddelande
    assert "över gränsen" in meddelande.text
    assert meddelande.arende.rubrik == "Ritningar"


def test_behandlade_flyttas_nar_kontot_sager_sa(epostkonto, imap):
    """With `flytta`, handled mails move to the Behandlat folder, after the commit."""
    Epostkonto.objects.filter(pk=epostkonto.pk).update(behandlat="flytta")
    epostkonto.refresh_from_db()
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"), las_eml("04_utf8_b_amne.eml"))

    _hamta(epostkonto)

    imap.select_folder("INBOX")
    assert imap.search("ALL") == []
    imap.select_folder("Behandlat")
    assert len(imap.search("ALL")) == 2
    assert Arende.objects.count() == 2


def test_saknat_losenord_ger_begripligt_fel(epostkonto, monkeypatch):
    """A mailbox whose password variable is missing fails with a message naming the variable."""
    monkeypatch.delenv(epostkonto.losenord_variabel)

    with pytest.raises(CommandError):
        _hamta(epostkonto)


def test_iso_8859_1_amne_visas_ratt_i_kon(epostkonto, imap, client, vagledare):
    """Subject =?iso-8859-1?Q?Fr=E5ga_om_f=F6rskola?= shows as "Fråga om förskola" in the queue."""
    lagg_in(imap, las_eml("02_amne_iso8859_1_q.eml"))
    _hamta(epostkonto)
    client.force_login(vagledare)

    svar = client.get(reverse("arenden:ko"))

    assert "Fråga om förskola" in svar.content.decode()


def test_bilagor_sparas_med_sha256(epostkonto, imap):
    """Attachments and inline images become Bilaga rows with their sha256."""
    lagg_in(imap, las_eml("10_bilaga_pdf.eml"), las_eml("11_inline_bild.eml"))

    _hamta(epostkonto)

    namn = set(Bilaga.objects.values_list("namn", flat=True))
    assert namn == {"ansokan.pdf", "hal.png"}
    for bilaga in Bilaga.objects.all():
        assert len(bilaga.sha256) == 64
        assert bilaga.fil.size == bilaga.storlek


def test_inkom_ar_nar_servern_tog_emot_brevet(epostkonto, imap):
    """The ärende's inkom is the server's INTERNALDATE, in the right time zone."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))

    _hamta(epostkonto)

    inkom = Arende.objects.get().inkom
    assert abs(inkom - timezone.now()) < timedelta(minutes=2)


def test_celery_uppgiften_hamtar_kontot(epostkonto, imap):
    """The task beat queues per mailbox fetches the mailbox like the command does."""
    lagg_in(imap, las_eml("01_vanlig_utf8.eml"))

    resultat = tasks.hamta_konto.apply(args=[epostkonto.pk]).get()

    assert resultat == {"hamtade": 1, "fel": 0, "upptagen": False}
    assert Arende.objects.count() == 1


def test_beat_schemat_hamtar_varje_minut():
    """Celery beat polls every active mailbox once a minute by default."""
    post = app.conf.beat_schedule["epost-hamta-alla"]

    assert post["task"] == "kanaler.epost.tasks.hamta_alla"
    assert post["schedule"] == 60
