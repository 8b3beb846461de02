"""Fixtures for the kunskapsbank: articles made through the service, the demo bank."""

import pytest

from arenden.demodata.anvandare import katalog_skapa
from kunskapsbank import services
from kunskapsbank.demodata.ladda import kunskapsbank_fyll_pa
from kunskapsbank.models import ArtikelStatus, Malgrupp


@pytest.fixture
def artikel(forvaltning_a, teamledare):
    """Return a factory: artikel(fraga=..., status=..., malgrupp=...) made by the service."""

    def skapa(
        *,
        fraga: str = "Hur ansöker jag om bygglov?",
        svar: str = "<p>Ansök om bygglov via e-tjänsten.</p>",
        status: str = ArtikelStatus.PUBLICERAD,
        malgrupp: str = Malgrupp.PUBLIK,
        agare=None,
        **ovrigt,
    ):
        artikel_ = services.artikel_skapa(
            fraga=fraga,
            svar=svar,
            forvaltning=ovrigt.pop("forvaltning", forvaltning_a),
            malgrupp=malgrupp,
            agare=agare,
            av=teamledare,
            **ovrigt,
        )
        vag = {
            ArtikelStatus.UTKAST: [],
            ArtikelStatus.GRANSKNING: [ArtikelStatus.GRANSKNING],
            ArtikelStatus.PUBLICERAD: [ArtikelStatus.GRANSKNING, ArtikelStatus.PUBLICERAD],
            ArtikelStatus.ARKIVERAD: [ArtikelStatus.ARKIVERAD],
        }[status]
        for steg in vag:
            artikel_ = services.artikel_byt_status(artikel=artikel_, av=teamledare, status=steg)
        return artikel_

    return skapa


@pytest.fixture
def demobank(kommun):
    """The demo catalogue and its 150+ published articles and synonyms."""
    katalog = katalog_skapa()
    kunskapsbank_fyll_pa()
    return katalog
