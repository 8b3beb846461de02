"""Fixtures for the telefon, besök and brev channels: the växel's account, a client per role."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def vaxel(db):
    """The växel's integration account: in group "vaxel"."""
    anvandare = UserFactory(username="vaxel")
    anvandare.groups.add(Group.objects.get(name="vaxel"))
    return anvandare


@pytest.fixture
def vaxel_klient(vaxel, api_nyckel_klient):
    """The växel calling the API with its own key."""
    return api_nyckel_klient(vaxel, "Växeln")


@pytest.fixture
def inloggad(client, vagledare):
    """The test client logged in as a kommunvägledare."""
    client.force_login(vagledare)
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded scans land in a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
