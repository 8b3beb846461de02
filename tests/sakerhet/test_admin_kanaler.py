"""The channels' admin pages through HTTP for rows that point at no ärende, or at none yet:
a call nobody registered, a mail no ärende took, the mailboxes and their kvitto texts and
signatures. Each is kept to its kommun as the catalogue is (arenden/admin.py).

The world serves two kommuner; the administratör is a superuser with a Medarbetare row, so
he works with his own kommun only. A superuser with no Medarbetare row works with every
kommun, and a row of no kommun is his (`arbetar_med_alla_kommuner`).
"""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from kanaler.epost.models import Epostkonto, Inkommet
from kanaler.telefon.models import Samtal
from tests.sakerhet.conftest import ADMINISTRATOR

pytestmark = pytest.mark.django_db


def _html(svar) -> str:
    assert svar.status_code == 200, svar.content[:300]
    return unescape(svar.content.decode())


@pytest.fixture
def rot(varld):
    """A client of its own, for a superuser with no Medarbetare row."""
    c = Client()
    c.force_login(get_user_model().objects.create_superuser("rot", "rot@exempel.se", None))
    return c


def _konto(namn: str, forvaltning) -> Epostkonto:
    return Epostkonto.objects.create(
        namn=namn,
        adress=f"{namn}@exempel.se",
        imap_vard="127.0.0.1",
        imap_anvandare=namn,
        losenord_variabel="EPOST_LOSEN",
        forvaltning=forvaltning,
    )


def _studs(konto: Epostkonto, amne: str) -> Inkommet:
    """A bounce that no ärende took, in triage."""
    return Inkommet.objects.create(
        konto=konto,
        nyckel=f"<{amne}@exempel.se>",
        uidvalidity=1,
        uid=1,
        ra=b"Subject: x\r\n\r\nx\r\n",
        storlek=20,
        status=Inkommet.Status.TRIAGE,
        typ=Inkommet.Typ.STUDS,
        avsandare="mailer-daemon@exempel.se",
        amne=amne,
    )


@pytest.fixture
def brevlador(varld):
    """The neighbour kommun's mailbox and a shared one (no förvaltning), a bounce in each."""
    grannens = _konto("grannen", varld.svarsmall_granne.forvaltning)
    gemensam = _konto("gemensam", None)
    return {
        "grannens": grannens,
        "gemensam": gemensam,
        "studs_grannens": _studs(grannens, "Grannens studs"),
        "studs_gemensam": _studs(gemensam, "Gemensam studs"),
    }


def _inkommet_sidan(rad) -> str:
    return reverse("admin:epost_inkommet_change", args=[rad.pk])


def test_inkommet_utan_arende_halls_till_brevladans_kommun(klient, varld, brevlador):
    """A mail no ärende took is listed for the kommun of its mailbox, as on the triage page:
    his own and the shared mailbox's, not the neighbour's (nor its mailbox in the filter)."""
    c = klient(ADMINISTRATOR)

    lista = _html(c.get(reverse("admin:epost_inkommet_changelist")))
    sidan = c.get(_inkommet_sidan(brevlador["studs_grannens"]))

    assert _inkommet_sidan(varld.inkommet) in lista
    assert _inkommet_sidan(brevlador["studs_gemensam"]) in lista
    assert _inkommet_sidan(brevlador["studs_grannens"]) not in lista
    assert "Grannens studs" not in lista and "grannen@exempel.se" not in lista
    assert sidan.status_code == 302 and sidan["Location"] == reverse("admin:index")


def test_superanvandare_utan_medarbetare_ser_alla_inkomna(rot, varld, brevlador):
    lista = _html(rot.get(reverse("admin:epost_inkommet_changelist")))

    assert _inkommet_sidan(brevlador["studs_grannens"]) in lista
    assert _inkommet_sidan(varld.inkommet) in lista


def _samtal_sidan(samtal) -> str:
    return reverse("admin:telefon_samtal_change", args=[samtal.pk])


def test_samtal_utan_arende_ar_ingen_kommuns(klient, rot, varld):
    """A call that no ärende took leads to no kommun; with two kommuner served, a kommun's
    staff see neither it nor its caller's number. Staff of every kommun do."""
    utan = Samtal.objects.create(samtals_id="samtal-utan-arende", nummer="0709876543")
    med = Samtal.objects.create(samtals_id="samtal-med-arende", arende=varld.oppet)
    c = klient(ADMINISTRATOR)

    lista = _html(c.get(reverse("admin:telefon_samtal_changelist")))
    sidan = c.get(_samtal_sidan(utan))
    rotens = _html(rot.get(reverse("admin:telefon_samtal_changelist")))

    assert "samtal-med-arende" in lista
    assert "samtal-utan-arende" not in lista and "0709876543" not in lista
    assert sidan.status_code == 302
    assert _samtal_sidan(utan) in rotens and _samtal_sidan(med) in rotens
