"""Uploads are checked by their content in every channel; downloads never render in our origin."""

import base64
import io
import time
import uuid
import zipfile

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.models import Arende, Bilaga
from kanaler.etjanst.services import FORMULAR_SALT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40


def _docx() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as arkiv:
        arkiv.writestr("[Content_Types].xml", "<Types/>")
        arkiv.writestr("word/document.xml", "<w:document/>")
    return data.getvalue()


def _inlamning(*bilagor):
    return {
        "tjanst": "Felanmälan",
        "extern_id": "oep-1",
        "sokande": {"namn": "Eva Ek", "epost": "eva@example.se"},
        "svar": [{"fraga": "Vad gäller det?", "varde": "Trasig lampa"}],
        "bilagor": [
            {"namn": namn, "typ": typ, "innehall": base64.b64encode(data).decode()}
            for namn, typ, data in bilagor
        ],
    }


@pytest.mark.parametrize(
    ("namn", "data", "kod"),
    [
        ("faktura.pdf", EXE, "bilaga_innehall"),
        ("bild.png", PDF, "bilaga_innehall"),
        ("brev.docx", b"PK\x03\x04 inte en zip", "bilaga_innehall"),
        ("program.exe", EXE, "bilaga_filtyp"),
        ("sida.html", b"<script>alert(1)</script>", "bilaga_filtyp"),
        ("anteckning.txt", b"\x00\x01\x02binart", "bilaga_innehall"),
    ],
)
def test_etjanst_vagrar_bilaga_efter_innehallet(plattform_klient, namn, data, kod):
    """The e-tjänst API refuses a file by what it contains, in Swedish, and creates nothing."""
    svar = plattform_klient.post(
        "/api/v1/kanaler/etjanst/inlamning/",
        _inlamning((namn, "application/pdf", data)),
        format="json",
    )

    assert svar.status_code == 400, svar.content
    assert svar.json()["code"] == kod
    assert namn in svar.json()["message"]
    assert Arende.objects.count() == 0 and Bilaga.objects.count() == 0


def test_etjanst_sparar_typen_som_innehallet_visar(plattform_klient):
    """The stored type comes from the content, not from what the sender claimed."""
    svar = plattform_klient.post(
        "/api/v1/kanaler/etjanst/inlamning/",
        _inlamning(
            ("karta.png", "application/octet-stream", PNG),
            ("../../etc/passwd.docx", "text/plain", _docx()),
        ),
        format="json",
    )

    assert svar.status_code == 201, svar.content
    assert sorted(Bilaga.objects.values_list("namn", "typ")) == [
        ("karta.png", "image/png"),
        (
            "passwd.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]


def test_kontaktformularet_vagrar_forklatt_program(client, kommun):
    """An .exe renamed to .pdf is refused on the public form with a Swedish message."""
    falsk = SimpleUploadedFile("kvitto.pdf", EXE, content_type="application/pdf")

    svar = client.post(
        "/kontakta-oss/",
        {
            "rubrik": "Trasig lampa",
            "text": "Lampan på Storgatan 3 är trasig.",
            "namn": "Eva Ek",
            "epost": f"eva-{uuid.uuid4().hex[:8]}@example.se",
            "stampel": signing.dumps(time.time() - 30, salt=FORMULAR_SALT),
            "webbplats": "",
            "bilagor": [falsk],
        },
        REMOTE_ADDR=f"10.{uuid.uuid4().int % 250}.8.7",
    )

    assert svar.status_code == 400
    assert "Filen kvitto.pdf är inte en PDF-fil" in svar.content.decode()
    assert Arende.objects.count() == 0 and Bilaga.objects.count() == 0


def test_brev_vagrar_forklatt_program(client, vagledare):
    client.force_login(vagledare)

    svar = client.post(
        "/brev/",
        {"fraga": "Ansökan", "fil": SimpleUploadedFile("brev.pdf", EXE)},
    )

    assert svar.status_code == 400
    assert "Filen brev.pdf är ingen PDF." in svar.content.decode()
    assert Arende.objects.count() == 0


def test_nedladdning_ar_alltid_en_bilaga(client, plattform_klient, vagledare, handlaggare_a):
    """Attachment, RFC 5987 file name, nosniff, sandbox; only for whoever may see the ärende."""
    plattform_klient.post(
        "/api/v1/kanaler/etjanst/inlamning/",
        _inlamning(("Ritning åt grannen.pdf", "text/html", PDF)),
        format="json",
    )
    bilaga = Bilaga.objects.get()
    client.force_login(vagledare)

    sida = client.get(f"/arenden/{bilaga.arende.nummer}/").content.decode()
    svar = client.get(f"/bilagor/{bilaga.pk}/")

    assert f'href="/bilagor/{bilaga.pk}/"' in sida
    assert svar.status_code == 200
    assert b"".join(svar.streaming_content) == PDF
    assert svar["Content-Type"] == "application/pdf"
    assert svar["Content-Disposition"] == (
        "attachment; filename*=utf-8''Ritning%20%C3%A5t%20grannen.pdf"
    )
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # A handläggare sees only his förvaltning's escalated ärenden: this one is not.
    client.force_login(handlaggare_a)
    assert client.get(f"/bilagor/{bilaga.pk}/").status_code == 404
    assert client.get("/bilagor/999999/").status_code == 404
