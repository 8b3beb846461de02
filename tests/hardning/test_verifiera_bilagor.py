"""`verifiera_bilagor` finds a missing file and a changed one, and says so in Swedish."""

import base64
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from arenden.models import Bilaga

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def tre_bilagor(plattform_klient):
    """Three attachments received through the e-tjänst API: hel.pdf, andrad.pdf, borta.pdf."""
    svar = plattform_klient.post(
        "/api/v1/kanaler/etjanst/inlamning/",
        {
            "tjanst": "Bygglov",
            "extern_id": "oep-7",
            "sokande": {"namn": "Eva Ek"},
            "svar": [{"fraga": "Fastighet", "varde": "Kärr 1:23"}],
            "bilagor": [
                {
                    "namn": namn,
                    "typ": "application/pdf",
                    "innehall": base64.b64encode(PDF + namn.encode()).decode(),
                }
                for namn in ("hel.pdf", "andrad.pdf", "borta.pdf")
            ],
        },
        format="json",
    )
    assert svar.status_code == 201, svar.content
    return {b.namn: b for b in Bilaga.objects.select_related("arende")}


def test_hela_filer_godkanns(tre_bilagor, capsys):
    call_command("verifiera_bilagor")

    assert "Kontrollerade 3 bilagor: 3 hela, 0 saknas, 0 ändrade." in capsys.readouterr().out


def test_saknad_och_andrad_fil_rapporteras_med_felkod(tre_bilagor, capsys):
    # given: one file changed on disk, one deleted
    andrad, borta = tre_bilagor["andrad.pdf"], tre_bilagor["borta.pdf"]
    Path(andrad.fil.path).write_bytes(PDF + b"manipulerad")
    Path(borta.fil.path).unlink()

    # when
    with pytest.raises(CommandError) as fel:
        call_command("verifiera_bilagor")

    # then
    assert fel.value.returncode == 1
    assert str(fel.value) == "Kontrollerade 3 bilagor: 1 hela, 1 saknas, 1 ändrade."
    utskrift = capsys.readouterr().err
    nummer = andrad.arende.nummer
    assert (
        f"Filen är ändrad (sha256 stämmer inte): bilaga {andrad.pk} ”andrad.pdf” på ärende {nummer}"
        in utskrift
    )
    assert f"Filen saknas: bilaga {borta.pk} ”borta.pdf” på ärende {nummer}" in utskrift
    assert "hel.pdf" not in utskrift
