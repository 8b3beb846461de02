"""The brev channel through HTTP: a scanned letter becomes an ärende with the PDF attached."""

import hashlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from arenden.models import Arende, Bilaga, Kanal, Kontakt, Meddelande, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _pdf(namn="brev.pdf", innehall=PDF, typ="application/pdf"):
    return SimpleUploadedFile(namn, innehall, content_type=typ)


def _filer(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_skannat_brev_registreras_med_pdf(inloggad, kategori_diarieford, media):
    """The letter becomes an open ärende with kanal brev, its date, sender and the PDF."""
    igar = timezone.localdate() - timedelta(days=1)

    svar = inloggad.post(
        "/brev/",
        {
            "fil": _pdf("skanning 0042.pdf"),
            "fraga": "Ansökan om försörjningsstöd",
            "mottaget": igar.isoformat(),
            "avsandare_namn": "Åke Ärlig",
            "avsandare_organisationsnummer": "",
        },
    )

    assert svar.status_code == 302, svar.content.decode()
    arende = Arende.objects.get()
    assert arende.kanal == Kanal.BREV
    assert arende.status == Status.NY
    assert arende.kategori == kategori_diarieford
    assert timezone.localtime(arende.inkom).date() == igar
    assert arende.kontakt.namn == "Åke Ärlig"
    meddelande = Meddelande.objects.get(arende=arende)
    assert meddelande.riktning == Meddelande.Riktning.IN
    assert meddelande.metadata["mottaget"] == igar.isoformat()
    bilaga = Bilaga.objects.get(arende=arende)
    assert bilaga.meddelande == meddelande
    assert bilaga.namn == "skanning 0042.pdf"
    assert bilaga.typ == "application/pdf"
    assert bilaga.storlek == len(PDF)
    assert bilaga.sha256 == hashlib.sha256(PDF).hexdigest()
    assert bilaga.fil.read() == PDF


def test_annat_an_pdf_avvisas_och_inget_skapas(inloggad, media):
    """A file that is no PDF (whatever its name says) is refused in Swedish; nothing is saved."""
    svar = inloggad.post(
        "/brev/",
        {
            "fil": _pdf("brev.pdf", b"\x89PNG\r\n\x1a\n bild", "application/pdf"),
            "fraga": "Synpunkt",
            "avsandare_namn": "Karin Kvist",
        },
    )

    assert svar.status_code == 400
    assert "Filen brev.pdf är ingen PDF." in svar.content.decode()
    assert Arende.objects.count() == 0
    assert Kontakt.objects.count() == 0
    assert Bilaga.objects.count() == 0
    assert _filer(media) == []


def test_tom_fil_och_for_stor_fil_avvisas(inloggad, settings, media):
    """An empty file and one over the size limit are refused with their own messages."""
    settings.KONTAKTCENTER_BREV = {"MAX_STORLEK": 100}

    tom = inloggad.post("/brev/", {"fil": _pdf(innehall=b""), "fraga": "Synpunkt"})
    stor = inloggad.post("/brev/", {"fil": _pdf(innehall=PDF + b"x" * 200), "fraga": "Synpunkt"})

    assert tom.status_code == 400
    assert stor.status_code == 400
    assert "största tillåtna är 100" in stor.content.decode()
    assert Arende.objects.count() == 0


def test_samma_skanning_tva_ganger_avvisas(api_client, vagledare):
    """The same scan uploaded twice is refused the second time, naming the first ärende."""
    klient = api_client(vagledare)
    forsta = klient.post(
        "/api/v1/kanaler/brev/arenden/", {"fil": _pdf(), "fraga": "Bygglov"}, format="multipart"
    )
    andra = klient.post(
        "/api/v1/kanaler/brev/arenden/", {"fil": _pdf(), "fraga": "Bygglov"}, format="multipart"
    )

    assert forsta.status_code == 201, forsta.content
    assert forsta.json()["kanal"] == "brev"
    assert andra.status_code == 409
    assert andra.json()["code"] == "skanning_redan_registrerad"
    assert forsta.json()["nummer"] in andra.json()["message"]
    assert Arende.objects.count() == 1


def test_api_avvisar_icke_pdf_och_framtida_datum(api_client, vagledare):
    """The API refuses a non-PDF (400, Swedish) and a received date in the future."""
    klient = api_client(vagledare)
    text = klient.post(
        "/api/v1/kanaler/brev/arenden/",
        {"fil": _pdf("brev.txt", b"Hej kommunen", "text/plain"), "fraga": "Synpunkt"},
        format="multipart",
    )
    imorgon = (timezone.localdate() + timedelta(days=1)).isoformat()
    framtid = klient.post(
        "/api/v1/kanaler/brev/arenden/",
        {"fil": _pdf(), "fraga": "Synpunkt", "mottaget": imorgon},
        format="multipart",
    )

    assert text.status_code == 400
    assert text.json() == {
        "code": "skanning_inte_pdf",
        "message": "Filen brev.txt är ingen PDF. Skanna brevet till PDF och ladda upp den filen.",
        "extra": {"falt": "fil"},
    }
    assert framtid.status_code == 400
    assert framtid.json()["code"] == "mottaget_i_framtiden"
    assert Arende.objects.count() == 0


def test_skanningen_visas_pa_arendet_for_den_som_far_se_det(
    inloggad, client, handlaggare_a, kategori_diarieford
):
    """The ärende page links the scan; the PDF opens for staff who see the ärende, not others."""
    inloggad.post("/brev/", {"fil": _pdf(), "fraga": "Ansökan om försörjningsstöd"})
    arende = Arende.objects.get()
    bilaga = Bilaga.objects.get()

    sida = inloggad.get(f"/arenden/{arende.nummer}/")
    pdf = inloggad.get(f"/brev/skanning/{bilaga.pk}/")

    assert f'href="/brev/skanning/{bilaga.pk}/"' in sida.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PDF

    client.force_login(handlaggare_a)
    assert client.get(f"/brev/skanning/{bilaga.pk}/").status_code == 404
