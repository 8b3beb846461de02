"""The besök channel through HTTP: a visit at the desk with its visitor type and outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenden.models import Arende, Kanal, Status, Utfall
from kanaler.besok import selectors
from kanaler.besok.models import Besok, Besokstyp

pytestmark = pytest.mark.django_db


def test_formularet_visar_lekebergs_besokstyper(inloggad):
    """The reception form offers the visitor types and names the outcome "Löst vid disken"."""
    html = inloggad.get("/besok/").content.decode()

    for _varde, namn in Besokstyp.choices:
        assert str(namn) in html
    assert "Löst vid disken" in html
    assert "Hänvisad till medarbetare" in html


def test_besok_lost_vid_disken(inloggad, kategori_snabb):
    """A visit solved at the desk: ärende with kanal besök, closed, its visitor type recorded."""
    svar = inloggad.post(
        "/besok/",
        {
            "besokstyp": "hanvisad",
            "fraga": "Hämtar blankett för felanmälan gata",
            "val": "lost",
            "kontakt_namn": "Märta Öberg",
        },
    )

    assert svar.status_code == 302
    arende = Arende.objects.get()
    assert arende.kanal == Kanal.BESOK
    assert arende.status == Status.AVSLUTAD
    assert arende.utfall == Utfall.LOST_AV_KONTAKTCENTER
    assert arende.kategori == kategori_snabb
    assert arende.kontakt.namn == "Märta Öberg"
    assert arende.besok.besokstyp == Besokstyp.HANVISAD


def test_besokare_hanvisad_till_medarbetare(inloggad):
    """A visitor taken to a colleague closes as hänvisat."""
    svar = inloggad.post(
        "/besok/",
        {
            "besokstyp": "bokat",
            "fraga": "Bokat möte med handläggare",
            "val": "kopplat",
            "kopplat_till": "David Dahl",
        },
    )

    assert svar.status_code == 302
    assert Arende.objects.get().utfall == Utfall.HANVISAT


def test_okand_besokstyp_avvisas_och_inget_sparas(inloggad):
    """A visitor type outside the list is refused; no ärende, no visit."""
    svar = inloggad.post("/besok/", {"besokstyp": "turist", "fraga": "Var ligger biblioteket?"})

    assert svar.status_code == 400
    assert Arende.objects.count() == 0
    assert Besok.objects.count() == 0


def test_besok_via_api_och_per_typ(api_client, vagledare):
    """The API registers a visit; the statistics selector counts visits per type."""
    klient = api_client(vagledare)
    for typ in ("aktiv", "aktiv", "engagerad"):
        svar = klient.post(
            "/api/v1/kanaler/besok/arenden/",
            {"besokstyp": typ, "fraga": "Synpunkt på nya cykelvägen", "val": "lost"},
            format="json",
        )
        assert svar.status_code == 201, svar.content
        assert svar.json()["kanal"] == "besok"

    nu = timezone.now()
    assert selectors.besok_per_typ(fran=nu - timedelta(hours=1), till=nu + timedelta(hours=1)) == {
        "aktiv": 2,
        "engagerad": 1,
    }
