"""Ärenden with a person on them, closed long ago or lately, with messages and a file."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from arenden import services
from arenden.models import Arende, Bilaga, Gallringssatt, Kanal, Utfall
from integritet.models import Logghandelse
from tests.factories import ArendeFactory, KategoriFactory

# Valid numbers (the check digit holds), in the forms people type them.
PERSONNUMMER = "19811218-9876"
PERSONNUMMER_ANNAN = "19900101-0017"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def avslutat(*, av, manader_sedan: int = 0, **uppgifter) -> Arende:
    """An ärende closed `manader_sedan` months (of 31 days) ago, with a message and a file."""
    arende = ArendeFactory(av=av, **uppgifter)
    meddelande = services.arende_ta_emot_meddelande(
        arende=arende,
        kanal=Kanal.EPOST,
        text="Hej, mitt personnummer är 19811218-9876 och jag undrar över min ansökan.",
        avsandare="kalle@example.se",
    )
    Bilaga.objects.create(
        arende=arende,
        meddelande=meddelande,
        fil=ContentFile(b"%PDF-1.4 intyg", name="intyg.pdf"),
        namn="intyg.pdf",
        typ="application/pdf",
        storlek=14,
        sha256="0" * 64,
    )
    services.arende_anteckna(arende=arende, av=av, text="Ringde Kalle, han bor på Storgatan 1.")
    arende.refresh_from_db()
    services.arende_avsluta(arende=arende, av=av, utfall=Utfall.LOST_AV_KONTAKTCENTER)
    Arende.objects.filter(pk=arende.pk).update(
        avslutad=timezone.now() - timedelta(days=31 * manader_sedan + 1)
    )
    arende.refresh_from_db()
    return arende


@pytest.fixture
def kategori_anonymiseras(forvaltning_a):
    return KategoriFactory(
        forvaltning=forvaltning_a,
        namn="Allmän fråga",
        gallras_efter_manader=12,
        gallringssatt=Gallringssatt.ANONYMISERA,
    )


@pytest.fixture
def kategori_raderas(forvaltning_a):
    return KategoriFactory(
        forvaltning=forvaltning_a,
        namn="Felanmälan",
        gallras_efter_manader=3,
        gallringssatt=Gallringssatt.RADERA,
    )


@pytest.fixture
def kalle(db):
    return services.kontakt_hitta_eller_skapa(
        namn="Kalle Karlsson", epost="kalle@example.se", personnummer=PERSONNUMMER
    )


@pytest.fixture
def lisa(db):
    return services.kontakt_hitta_eller_skapa(
        namn="Lisa Larsson", epost="lisa@example.se", personnummer=PERSONNUMMER_ANNAN
    )


def logg(**villkor) -> list[Logghandelse]:
    return list(Logghandelse.objects.filter(**villkor).order_by("id"))
