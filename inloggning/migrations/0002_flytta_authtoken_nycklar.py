"""Move DRF authtoken keys over as hashed API keys, then drop the clear-text table.

`rest_framework.authtoken` kept every key in clear text. Its rows become ApiNyckel rows
(SHA-256 of the key, its first 8 characters as prefix), so an integration configured
before keeps working with the same header; then the old table is dropped so no clear-text
key stays in the database. A database that never had authtoken skips all of it.
"""

import hashlib

from django.db import migrations


def flytta(apps, schema_editor):
    anslutning = schema_editor.connection
    if "authtoken_token" not in anslutning.introspection.table_names():
        return
    ApiNyckel = apps.get_model("inloggning", "ApiNyckel")
    with anslutning.cursor() as markor:
        markor.execute("SELECT key, user_id, created FROM authtoken_token")
        for nyckel, user_id, skapad in markor.fetchall():
            ApiNyckel.objects.create(
                integration="Överförd token",
                anvandare_id=user_id,
                prefix=nyckel[:8],
                hash=hashlib.sha256(nyckel.encode()).hexdigest(),
                skapad=skapad,
            )
        markor.execute("DROP TABLE authtoken_token")
        # The app is uninstalled: forget its migrations so that re-adding it would work.
        markor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


class Migration(migrations.Migration):
    dependencies = [("inloggning", "0001_api_nyckel")]

    operations = [migrations.RunPython(flytta, migrations.RunPython.noop)]
