"""Shared fixtures: one kommun with two förvaltningar, the kategori catalogue, a user per role.

The role groups come from migration 0002, so a fixture only puts users in them.
"""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from arenden.behorighet import Roll
from inloggning.services import api_nyckel_skapa
from tests.factories import (
    ForvaltningFactory,
    KategoriFactory,
    KommunFactory,
    UserFactory,
    anvandare_med_roll,
)


@pytest.fixture
def kommun(db):
    return KommunFactory(namn="Exempelkommun", kommunkod="9999")


@pytest.fixture
def forvaltning_a(kommun):
    return ForvaltningFactory(kommun=kommun, namn="Samhällsbyggnadsförvaltningen")


@pytest.fixture
def forvaltning_b(kommun):
    return ForvaltningFactory(kommun=kommun, namn="Socialförvaltningen")


@pytest.fixture
def kategori_snabb(forvaltning_a):
    """Due within one arbetsdag, not diarieförd, ROSA 2."""
    return KategoriFactory(
        forvaltning=forvaltning_a,
        namn="Felanmälan gata",
        sla_arbetsdagar=1,
        standard_rosa=2,
        diarieford=False,
    )


@pytest.fixture
def kategori_diarieford(forvaltning_b):
    """Due within five arbetsdagar, diarieförd, ROSA 6."""
    return KategoriFactory(
        forvaltning=forvaltning_b,
        namn="Ansökan om försörjningsstöd",
        sla_arbetsdagar=5,
        standard_rosa=6,
        diarieford=True,
    )


@pytest.fixture
def vagledare(kommun):
    return anvandare_med_roll(
        Roll.KOMMUNVAGLEDARE,
        kommun=kommun,
        username="vagledare",
        first_name="Anna",
        last_name="Andersson",
    )


@pytest.fixture
def vagledare2(kommun):
    return anvandare_med_roll(
        Roll.KOMMUNVAGLEDARE,
        kommun=kommun,
        username="vagledare2",
        first_name="Bertil",
        last_name="Berg",
    )


@pytest.fixture
def handlaggare_a(kommun, forvaltning_a):
    return anvandare_med_roll(
        Roll.HANDLAGGARE,
        kommun=kommun,
        forvaltning=forvaltning_a,
        username="handlaggare_a",
        first_name="Cecilia",
        last_name="Carlsson",
    )


@pytest.fixture
def handlaggare_b(kommun, forvaltning_b):
    return anvandare_med_roll(
        Roll.HANDLAGGARE,
        kommun=kommun,
        forvaltning=forvaltning_b,
        username="handlaggare_b",
        first_name="David",
        last_name="Dahl",
    )


@pytest.fixture
def teamledare(kommun):
    return anvandare_med_roll(
        Roll.TEAMLEDARE,
        kommun=kommun,
        username="teamledare",
        first_name="Eva",
        last_name="Ek",
    )


@pytest.fixture
def administrator(kommun):
    return anvandare_med_roll(
        Roll.ADMINISTRATOR,
        kommun=kommun,
        username="administrator",
        first_name="Fredrik",
        last_name="Falk",
    )


@pytest.fixture
def utan_roll(kommun):
    """Logged in, but in none of the four groups."""
    return anvandare_med_roll(None, kommun=kommun, username="utan_roll", first_name="Gustav")


@pytest.fixture
def api_client():
    """Return a factory: api_client(user) is logged in as user, api_client() is anonymous."""

    def skapa(user=None) -> APIClient:
        klient = APIClient()
        if user is not None:
            klient.force_login(user)
        return klient

    return skapa


@pytest.fixture
def api_nyckel_klient(db):
    """Return a factory: api_nyckel_klient(user) calls the API with a fresh key for user."""

    def skapa(user, integration: str = "Testintegration") -> APIClient:
        _rad, nyckel = api_nyckel_skapa(integration=integration, anvandare=user)
        klient = APIClient()
        klient.credentials(HTTP_AUTHORIZATION=f"Token {nyckel}")
        return klient

    return skapa


@pytest.fixture
def plattform(db):
    """The e-service platform's integration account: in group "etjanstplattform"."""
    anvandare = UserFactory(username="etjanstplattform")
    anvandare.groups.add(Group.objects.get(name="etjanstplattform"))
    return anvandare


@pytest.fixture
def plattform_klient(plattform, api_nyckel_klient):
    """The e-service platform calling the API with its own key."""
    return api_nyckel_klient(plattform, "E-tjänsteplattformen")
