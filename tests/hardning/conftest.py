"""Fixtures for the hardening tests: an ärende with a live status link, media in tmp."""

import pytest

from arenden import services, statuslankar


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Attachments land in a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def arende(vagledare, kategori_snabb):
    kontakt = services.kontakt_hitta_eller_skapa(namn="Eva Ek", epost="eva@example.se")
    return services.arende_skapa(
        rubrik="Trasig gatlampa",
        kanal="telefon",
        av=vagledare,
        kontakt=kontakt,
        kategori=kategori_snabb,
    )


@pytest.fixture
def statuslank(arende):
    return statuslankar.statuslank_hamta_eller_skapa(arende=arende)
