"""Every form and API refuses bad input with a Swedish message and changes nothing."""

import time
import uuid

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.models import Arende, Bilaga, Handelse, Kontakt
from kanaler.etjanst.services import FORMULAR_SALT
from kunskapsbank.models import Kunskapsartikel

pytestmark = pytest.mark.django_db

LANG = "x" * 5000


def _inget_andrat() -> None:
    assert Arende.objects.count() == 0
    assert Handelse.objects.count() == 0
    assert Kontakt.objects.count() == 0
    assert Bilaga.objects.count() == 0
    assert Kunskapsartikel.objects.count() == 0


@pytest.mark.parametrize(
    ("adress", "data", "rubrik"),
    [
        ("/telefon/", {}, "Inget är sparat."),
        ("/telefon/", {"fraga": LANG, "val": "lost"}, "Inget är sparat."),
        ("/telefon/", {"fraga": "Fråga", "val": "gissa"}, "Inget är sparat."),
        ("/besok/", {"fraga": LANG, "val": "lost"}, "Inget är sparat."),
        ("/besok/", {"fraga": "Fråga", "val": "eskalera"}, "Inget är sparat."),
        ("/brev/", {"fraga": "Ansökan"}, "Brevet är inte registrerat."),
        (
            "/brev/",
            {"fraga": LANG, "mottaget": "31 februari", "kategori": "abc"},
            "Brevet är inte registrerat.",
        ),
        ("/arenden/nytt/", {"rubrik": LANG, "kanal": "telefon"}, "Ärendet är inte sparat."),
        (
            "/arenden/nytt/",
            {"rubrik": "Fråga", "kanal": "brevduva", "rosa": "99", "kategori": "abc"},
            "Ärendet är inte sparat.",
        ),
    ],
)
def test_registreringsformular_vagrar(client, vagledare, kategori_snabb, adress, data, rubrik):
    """Empty, far too long or nonsensical values: 400, a Swedish summary, nothing saved."""
    client.force_login(vagledare)

    svar = client.post(adress, data)

    assert svar.status_code == 400
    assert rubrik in svar.content.decode()
    _inget_andrat()


def test_brevformularet_vagrar_fil_utan_pdf(client, vagledare):
    client.force_login(vagledare)

    svar = client.post(
        "/brev/", {"fraga": "Ansökan", "fil": SimpleUploadedFile("brev.pdf", b"GIF89a")}
    )

    assert svar.status_code == 400
    assert "Filen brev.pdf är ingen PDF." in svar.content.decode()
    _inget_andrat()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"fraga": "", "svar": ""}, "Det här fältet får inte vara blankt."),
        ({"fraga": LANG, "svar": "Svar"}, "inte har fler än 300 tecken"),
        ({"fraga": "Fråga", "svar": "Svar", "rosa": "99"}, "ROSA-nivå: "),
        ({"fraga": "Fråga", "svar": "Svar", "granskas_senast": "igår"}, "Granskas senast: "),
    ],
)
def test_kunskapsbankens_redigering_vagrar(client, teamledare, forvaltning_a, data, text):
    client.force_login(teamledare)

    svar = client.post("/kunskapsbank/artiklar/ny/", {"forvaltning": forvaltning_a.pk, **data})

    assert svar.status_code == 400
    assert text in svar.content.decode()
    _inget_andrat()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"epost": "inte-en-adress"}, "Ange en giltig mejladress."),
        ({"text": ""}, "Det här fältet är obligatoriskt."),
        ({"text": LANG * 3}, "som mest 10000 tecken"),
        ({"kategori": "abc"}, "Välj ett giltigt alternativ."),
    ],
)
def test_kontaktformularet_vagrar(client, kommun, data, text):
    svar = client.post(
        "/kontakta-oss/",
        {
            "stampel": signing.dumps(time.time() - 30, salt=FORMULAR_SALT),
            "webbplats": "",
            "rubrik": "Trasig lampa",
            "text": "Lampan på Storgatan 3 är trasig.",
            "namn": "Eva Ek",
            # A fresh address per post: the public form counts posts per address and hour.
            "epost": f"eva-{uuid.uuid4().hex[:8]}@example.se",
            **data,
        },
        REMOTE_ADDR=f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.9",
    )

    assert svar.status_code == 400
    assert text in svar.content.decode()
    _inget_andrat()


@pytest.mark.parametrize(
    ("data", "format_", "kod", "text"),
    [
        (
            {"fil": SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\n\xff\xfe\x00")},
            "multipart",
            "import_fel",
            "Filen är inte text i UTF-8.",
        ),
        ([{"forvaltning": ["lista"], "fraga": "F"}], "json", "import_fel", "ska vara text"),
        ([{"forvaltning": "X", "alternativa_fragor": "inte en lista"}], "json", "import_fel", ""),
        (["inte ett objekt"], "json", "import_fel", "lista med artiklar"),
    ],
)
def test_kunskapsbanksimport_vagrar_utan_serverfel(
    api_client, teamledare, data, format_, kod, text
):
    """Found by schemathesis: a binary file or rows of the wrong shape gave a 500."""
    svar = api_client(teamledare).post("/api/v1/kunskapsbank/import/", data, format=format_)

    assert svar.status_code == 400, svar.content
    assert svar.json()["code"] == kod
    assert text in svar.json()["message"]
    _inget_andrat()


@pytest.mark.parametrize(
    ("inkom", "kod"),
    [("2999-01-01T09:00:00Z", "inkom_orimligt"), ("0420-02-01T12:00:00Z", "inkom_orimligt")],
)
def test_api_vagrar_orimligt_inkom(api_client, vagledare, inkom, kod):
    """Found by schemathesis: an ärende could come in in year 420 (numbered KC-420-000001)."""
    svar = api_client(vagledare).post(
        "/api/v1/arenden/", {"rubrik": "Fråga", "kanal": "telefon", "inkom": inkom}, format="json"
    )

    assert svar.status_code == 400, svar.content
    assert svar.json()["code"] == kod
    _inget_andrat()


def test_andra_artikel_utan_version_vagras(api_client, teamledare, forvaltning_a):
    """Found by schemathesis: a PATCH without the version it edits gave a 500."""
    api = api_client(teamledare)
    artikel = api.post(
        "/api/v1/kunskapsbank/artiklar/",
        {"fraga": "Hur?", "svar": "Så.", "forvaltning": forvaltning_a.pk},
        format="json",
    ).json()

    svar = api.patch(f"/api/v1/kunskapsbank/artiklar/{artikel['id']}/", {}, format="json")

    assert svar.status_code == 400
    assert "version" in svar.json()["extra"]["falt"]
    assert api.get(f"/api/v1/kunskapsbank/artiklar/{artikel['id']}/").json()["version"] == 1
