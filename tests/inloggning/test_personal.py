"""The logged-in staff member is read once per request, with his roles and Medarbetare.

The one query must not make a change wait: a role taken away, a move to another
förvaltning or a deactivated account counts from the next request.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenden import services
from arenden.behorighet import Roll
from arenden.models import Medarbetare
from tests.factories import ArendeFactory

pytestmark = pytest.mark.django_db


def test_anvandaren_laser_roller_och_medarbetare_i_en_fraga(client, handlaggare_a, forvaltning_a):
    """The user, his Medarbetare (a join) and his role names (an array): one statement."""
    client.force_login(handlaggare_a)
    with CaptureQueriesContext(connection) as fragor:
        assert client.get("/sok/person/").status_code == 200
    sql = [f["sql"] for f in fragor]
    assert len(sql) == 1
    assert '"auth_user"' in sql[0] and "arenden_medarbetare" in sql[0]
    assert '"auth_group"' in sql[0]


def test_utan_medarbetare_fragas_inte_efter_den(client, db):
    """Staff with no Medarbetare row (createsuperuser): known at once, not asked again."""
    chef = User.objects.create_superuser("chef", "chef@example.se", "x")
    client.force_login(chef)
    with CaptureQueriesContext(connection) as fragor:
        assert client.get("/sok/person/").status_code == 200
    assert len(fragor) == 1


def test_en_roll_som_tas_bort_galler_fran_nasta_anrop(client, vagledare):
    client.force_login(vagledare)
    assert client.get("/sok/person/").status_code == 200
    vagledare.groups.remove(Group.objects.get(name=Roll.KOMMUNVAGLEDARE))
    assert client.get("/sok/person/").status_code == 403
    vagledare.groups.add(Group.objects.get(name=Roll.KOMMUNVAGLEDARE))
    assert client.get("/sok/person/").status_code == 200


def test_ny_forvaltning_galler_fran_nasta_anrop(
    client, handlaggare_a, forvaltning_a, forvaltning_b, kommun, vagledare
):
    """A handläggare moved to another förvaltning sees that one's escalated ärenden at once."""
    arende = ArendeFactory(kommun=kommun, av=vagledare)
    services.arende_eskalera(arende=arende, av=vagledare, forvaltning=forvaltning_b, orsak="Test")
    client.force_login(handlaggare_a)
    assert client.get(f"/arenden/{arende.nummer}/").status_code == 404
    Medarbetare.objects.filter(anvandare=handlaggare_a).update(forvaltning=forvaltning_b)
    assert client.get(f"/arenden/{arende.nummer}/").status_code == 200


def test_avaktiverat_konto_loggas_ut(client, vagledare):
    client.force_login(vagledare)
    assert client.get("/").status_code == 200
    User.objects.filter(pk=vagledare.pk).update(is_active=False)
    svar = client.get("/")
    assert svar.status_code == 302 and svar["Location"].startswith("/logga-in/")


def test_superanvandare_utan_grupp_ar_administrator(client, kommun):
    admin = User.objects.create_superuser("rot", "rot@kommun.example", "hemligt-losen-123")
    client.force_login(admin)
    assert client.get("/integritet/logg/").status_code == 200
