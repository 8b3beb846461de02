"""The ärende page's menus come from the shared cache (arenden.menyer), and a change to the
catalogue or the staff shows at the next page."""

import re

import pytest
from django.contrib.auth.models import Group

from arenden.behorighet import Roll
from arenden.models import Medarbetare
from tests.factories import ArendeFactory, KategoriFactory, UserFactory

pytestmark = pytest.mark.django_db


def _meny(html: str, namn: str) -> str:
    return re.search(rf'<select[^>]*name="{namn}".*?</select>', html, re.S).group(0)


@pytest.fixture
def sida(client, kommun, vagledare, forvaltning_a, kategori_snabb, handlaggare_a):
    client.force_login(vagledare)
    arende = ArendeFactory(kommun=kommun, av=vagledare)

    def hamta() -> str:
        svar = client.get(f"/arenden/{arende.nummer}/")
        assert svar.status_code == 200
        return svar.content.decode()

    return hamta


def test_ny_kategori_syns_vid_nasta_sida(sida, forvaltning_a, kategori_snabb):
    assert kategori_snabb.namn in _meny(sida(), "kategori")

    KategoriFactory(forvaltning=forvaltning_a, namn="Snöröjning")

    assert "Snöröjning" in _meny(sida(), "kategori")


def test_avaktiverad_kategori_forsvinner(sida, kategori_snabb):
    assert kategori_snabb.namn in _meny(sida(), "kategori")

    kategori_snabb.aktiv = False
    kategori_snabb.save()

    assert kategori_snabb.namn not in _meny(sida(), "kategori")


def test_ny_och_avslutad_handlaggare_syns_vid_nasta_sida(sida, kommun, handlaggare_a):
    assert f'value="{handlaggare_a.username}"' in _meny(sida(), "handlaggare")

    ny = UserFactory(username="nyanstalld", first_name="Nils", last_name="Ny")
    Medarbetare.objects.create(anvandare=ny, kommun=kommun)
    ny.groups.add(Group.objects.get(name=Roll.HANDLAGGARE))
    handlaggare_a.is_active = False
    handlaggare_a.save()

    meny = _meny(sida(), "handlaggare")
    assert 'value="nyanstalld">Nils Ny<' in meny
    assert f'value="{handlaggare_a.username}"' not in meny


def test_en_roll_som_tas_bort_syns_vid_nasta_sida(sida, handlaggare_a):
    assert f'value="{handlaggare_a.username}"' in _meny(sida(), "handlaggare")

    handlaggare_a.groups.remove(Group.objects.get(name=Roll.HANDLAGGARE))

    assert f'value="{handlaggare_a.username}"' not in _meny(sida(), "handlaggare")
