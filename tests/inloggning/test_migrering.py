"""Upgrading from DRF's authtoken: old integrations keep their key, no clear text is left."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from inloggning.models import ApiNyckel

pytestmark = pytest.mark.django_db

GAMMAL_NYCKEL = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"


def migrera(till: str) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("inloggning", till)])


def test_gamla_token_flyttas_som_hash_och_klartexttabellen_tas_bort(vagledare):
    """A key made by rest_framework.authtoken still works after the upgrade, hashed."""
    # given: the database as the previous release left it, with authtoken's table.
    migrera("0001_api_nyckel")
    with connection.cursor() as markor:
        markor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamptz NOT NULL, user_id integer NOT NULL UNIQUE)"
        )
        markor.execute(
            "INSERT INTO authtoken_token VALUES (%s, now(), %s)", [GAMMAL_NYCKEL, vagledare.pk]
        )
        markor.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('authtoken', '0001_initial', now())"
        )

    # when
    migrera("0002_flytta_authtoken_nycklar")

    # then
    rad = ApiNyckel.objects.get()
    assert (rad.prefix, rad.anvandare) == (GAMMAL_NYCKEL[:8], vagledare)
    assert GAMMAL_NYCKEL not in rad.hash
    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as markor:
        markor.execute("SELECT count(*) FROM django_migrations WHERE app = 'authtoken'")
        assert markor.fetchone()[0] == 0
    svar = APIClient().get("/api/v1/arenden/", HTTP_AUTHORIZATION=f"Token {GAMMAL_NYCKEL}")
    assert svar.status_code == 200
