"""One small world that every access test in this package reads: two kommuner, one ärende of
each kind the rules tell apart, a scanned letter on each, the articles, the tokens.

The world is built once per test module inside a transaction that is rolled back at the end
(as Django's `setUpTestData` does); each test runs in a savepoint of its own, so a POST in
one test never changes what the next one sees.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings

from arenden import services, statuslankar
from arenden.behorighet import Roll
from arenden.models import Arende, Bilaga, Kontakt, Svarsmall
from kanaler.brev import services as brev
from kanaler.epost import services as epost
from kanaler.epost.models import Epostkonto, Inkommet, Utskick
from kunskapsbank import services as kunskapsbank
from kunskapsbank.models import ArtikelStatus, Kunskapsartikel, Malgrupp
from platina_bridge.models import PlatinaRegistrering, Tillstand
from servicematning import services as servicematning
from tests.factories import ForvaltningFactory, KategoriFactory, KommunFactory, anvandare_med_roll

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# Every role the matrix walks; "anonym" is a citizen without a login.
ANONYM = "anonym"
VAGLEDARE = "vagledare"  # kommunvägledare, and named on the sekretess ärende
HANDLAGGARE_A = "handlaggare_a"  # handläggare of förvaltning A
HANDLAGGARE_B = "handlaggare_b"  # handläggare of förvaltning B
TEAMLEDARE = "teamledare"  # not named on the sekretess ärende
ADMINISTRATOR = "administrator"  # is_staff and superuser, as seed_demo makes them; not named
ANNAN_KOMMUN = "annan_kommun"  # a teamledare of the neighbouring kommun
UTAN_ROLL = "utan_roll"  # logged in, in none of the four groups

ROLLER = (
    ANONYM, VAGLEDARE, HANDLAGGARE_A, HANDLAGGARE_B, TEAMLEDARE, ADMINISTRATOR, ANNAN_KOMMUN,
    UTAN_ROLL,
)  # fmt: skip


@dataclass
class Varld:
    anvandare: dict
    oppet: Arende  # in the contact center, nobody's yet
    eskalerat_a: Arende  # escalated to förvaltning A, to be diariefört
    hemligt: Arende  # sekretessmarkerat, only the vägledare named
    granne: Arende  # the other kommun's
    bilaga_oppet: Bilaga
    bilaga_hemligt: Bilaga
    bilaga_granne: Bilaga
    publik: Kunskapsartikel  # published, public
    intern: Kunskapsartikel  # published, internal, owned by the vägledare
    utkast: Kunskapsartikel  # an internal draft
    statuslank: str
    aterkallad_statuslank: str
    enkat: str
    inkommet: Inkommet  # a mail in triage
    utskick_hemligt: Utskick  # a kvitto on the sekretess ärende
    registrering: PlatinaRegistrering  # eskalerat_a's diarieföring, queued
    # The sekretess ärende's diarieföring, refused by Platina with its rubrik in the error.
    registrering_hemligt: PlatinaRegistrering
    kontakt: Kontakt  # a citizen, for the personal-data pages
    svarsmall: Svarsmall  # förvaltning A's ready answer
    svarsmall_gemensam: Svarsmall  # no förvaltning: shared by both kommuner
    svarsmall_granne: Svarsmall  # the neighbouring kommun's förvaltning's

    def user(self, roll: str):
        return self.anvandare.get(roll)


def epostkonto(namn: str, forvaltning) -> Epostkonto:
    """A mailbox: configuration (made in the admin), not something a test goes through."""
    return Epostkonto.objects.create(
        namn=namn,
        adress=f"{namn}@exempel.se",
        imap_vard="127.0.0.1",
        imap_anvandare=namn,
        losenord_variabel="EPOST_LOSEN",
        forvaltning=forvaltning,
    )


def studs(konto: Epostkonto, amne: str) -> Inkommet:
    """A bounce that no ärende took, in triage."""
    return Inkommet.objects.create(
        konto=konto,
        nyckel=f"<{amne.lower().replace(' ', '.')}@exempel.se>",
        uidvalidity=1,
        uid=1,
        ra=f"Subject: {amne}\r\n\r\nReturnerat.\r\n".encode(),
        storlek=30,
        status=Inkommet.Status.TRIAGE,
        typ=Inkommet.Typ.STUDS,
        avsandare="mailer-daemon@exempel.se",
        amne=amne,
    )


def _pdf(namn: str, extra: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(namn, PDF + extra, content_type="application/pdf")


def bygg_varld() -> Varld:
    kommun = KommunFactory(namn="Exempelkommun", kommunkod="9999")
    grannkommun = KommunFactory(namn="Grannkommun", kommunkod="9998")
    forvaltning_a = ForvaltningFactory(kommun=kommun, namn="Samhällsbyggnadsförvaltningen")
    forvaltning_b = ForvaltningFactory(kommun=kommun, namn="Socialförvaltningen")
    kategori_a = KategoriFactory(forvaltning=forvaltning_a, namn="Bygglov", diarieford=True)
    u = {
        VAGLEDARE: anvandare_med_roll(Roll.KOMMUNVAGLEDARE, kommun=kommun, username=VAGLEDARE),
        HANDLAGGARE_A: anvandare_med_roll(
            Roll.HANDLAGGARE, kommun=kommun, forvaltning=forvaltning_a, username=HANDLAGGARE_A
        ),
        HANDLAGGARE_B: anvandare_med_roll(
            Roll.HANDLAGGARE, kommun=kommun, forvaltning=forvaltning_b, username=HANDLAGGARE_B
        ),
        TEAMLEDARE: anvandare_med_roll(Roll.TEAMLEDARE, kommun=kommun, username=TEAMLEDARE),
        ADMINISTRATOR: anvandare_med_roll(
            Roll.ADMINISTRATOR,
            kommun=kommun,
            username=ADMINISTRATOR,
            is_staff=True,
            is_superuser=True,
        ),
        ANNAN_KOMMUN: anvandare_med_roll(
            Roll.TEAMLEDARE, kommun=grannkommun, username=ANNAN_KOMMUN
        ),
        UTAN_ROLL: anvandare_med_roll(None, kommun=kommun, username=UTAN_ROLL),
    }
    vagledare = u[VAGLEDARE]

    oppet = brev.brev_registrera(
        av=vagledare, fil=_pdf("oppet.pdf", b"1"), fraga="Fråga om sophämtning"
    )
    eskalerat_a = services.arende_skapa(
        rubrik="Bygglov för altan", kanal="epost", av=vagledare, kategori=kategori_a
    )
    eskalerat_a = services.arende_eskalera(
        arende=eskalerat_a,
        av=vagledare,
        forvaltning=forvaltning_a,
        orsak="Kräver handläggning.",
        diariefor=True,
    )
    hemligt = brev.brev_registrera(
        av=vagledare, fil=_pdf("hemligt.pdf", b"2"), fraga="Skyddad adress Hemligvägen 7"
    )
    hemligt = services.arende_satt_sekretess(
        arende=hemligt, av=vagledare, sekretess=True, behoriga=[]
    )
    granne = brev.brev_registrera(
        av=u[ANNAN_KOMMUN], fil=_pdf("granne.pdf", b"3"), fraga="Grannkommunens fråga"
    )

    publik = kunskapsbank.artikel_skapa(
        fraga="När töms soptunnan?",
        svar="<p>Varannan vecka.</p>",
        forvaltning=forvaltning_a,
        av=vagledare,
        malgrupp=Malgrupp.PUBLIK,
        status=ArtikelStatus.PUBLICERAD,
    )
    intern = kunskapsbank.artikel_skapa(
        fraga="Hur hanteras skyddade personuppgifter internt?",
        svar="<p>Intern rutin.</p>",
        forvaltning=forvaltning_b,
        av=vagledare,
        agare=vagledare,
        malgrupp=Malgrupp.INTERN,
        status=ArtikelStatus.PUBLICERAD,
    )
    utkast = kunskapsbank.artikel_skapa(
        fraga="Utkast om parkering",
        svar="<p>Ej klart.</p>",
        forvaltning=forvaltning_a,
        av=vagledare,
    )

    statuslank = statuslankar.statuslank_hamta_eller_skapa(arende=oppet).token
    aterkallad = statuslankar.statuslank_hamta_eller_skapa(arende=eskalerat_a).token
    statuslankar.statuslank_aterkalla(arende=eskalerat_a, av=u[TEAMLEDARE])

    inkommet = studs(epostkonto("kommunen", forvaltning_a), "Studs")
    utskick = epost.kvitto_skicka_till(arende=hemligt, till="hemlig@exempel.se")

    return Varld(
        anvandare=u,
        oppet=oppet,
        eskalerat_a=eskalerat_a,
        hemligt=hemligt,
        granne=granne,
        bilaga_oppet=oppet.bilagor.get(),
        bilaga_hemligt=hemligt.bilagor.get(),
        bilaga_granne=granne.bilagor.get(),
        publik=publik,
        intern=intern,
        utkast=utkast,
        statuslank=statuslank,
        aterkallad_statuslank=aterkallad,
        enkat=servicematning.enkat_skapa(arende=oppet).token,
        inkommet=inkommet,
        utskick_hemligt=utskick,
        registrering=PlatinaRegistrering.objects.get(arende=eskalerat_a),
        registrering_hemligt=PlatinaRegistrering.objects.create(
            arende=hemligt,
            diarium="KS",
            idempotensnyckel=hemligt.nummer,
            tillstand=Tillstand.KRAVER_ATGARD,
            forsok=3,
            senaste_fel=f"Platina avvisade ”{hemligt.rubrik}”: confidentialParagraphs krävs.",
            senaste_felkod="platina_validering",
        ),
        kontakt=Kontakt.objects.create(namn="Sara Svensson", epost="sara@example.se"),
        svarsmall=Svarsmall.objects.create(
            forvaltning=forvaltning_a, titel="Bygglov tar tid", text="Hej {namn}!"
        ),
        svarsmall_gemensam=Svarsmall.objects.create(titel="Tack för ditt ärende", text="Hej!"),
        svarsmall_granne=Svarsmall.objects.create(
            forvaltning=ForvaltningFactory(kommun=grannkommun, namn="Grannens förvaltning"),
            titel="Grannens bygglovssvar",
            text="Hej från grannen!",
        ),
    )


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    katalog = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=katalog):
        yield katalog


@pytest.fixture(scope="module")
def varld(django_db_setup, django_db_blocker, media) -> Varld:
    with django_db_blocker.unblock(), transaction.atomic():
        yield bygg_varld()
        transaction.set_rollback(True)


@pytest.fixture
def rot(varld):
    """A client of its own, for a superuser with no Medarbetare row (every kommun's)."""
    c = Client()
    c.force_login(get_user_model().objects.create_superuser("rot", "rot@exempel.se", None))
    return c


@pytest.fixture
def som_personal(klient, varld):
    """Return a factory: som_personal(roll, behorigheter) is the client of that role, made
    staff with these model permissions, as an administratör might make him."""

    def skapa(roll: str, behorigheter):
        user = varld.user(roll)
        get_user_model().objects.filter(pk=user.pk).update(is_staff=True)
        user.user_permissions.add(*behorigheter)
        return klient(roll)

    return skapa


@pytest.fixture
def klient(client, varld):
    """Return a factory: klient(roll) is the test client logged in as that role."""

    def skapa(roll: str):
        user = varld.user(roll)
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        return client

    return skapa
