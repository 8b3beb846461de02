"""Create the four role groups and make the timeline append-only in the database."""

from django.db import migrations

ROLLER = ("kommunvagledare", "handlaggare", "teamledare", "administrator")


def skapa_roller(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for namn in ROLLER:
        Group.objects.get_or_create(name=namn)


def ta_bort_roller(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLLER).delete()


# An UPDATE of a timeline row is refused whoever tries it (admin, shell, a bug): the
# timeline is the ärende's evidence. Deleting whole ärenden (gallring) still cascades.
TRIGGER = """
CREATE OR REPLACE FUNCTION arenden_handelse_endast_tillagg() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Tidslinjen (arenden_handelse) kan bara utökas, inte ändras.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER arenden_handelse_ingen_uppdatering
    BEFORE UPDATE ON arenden_handelse
    FOR EACH ROW EXECUTE FUNCTION arenden_handelse_endast_tillagg();
"""
TRIGGER_BORT = """
DROP TRIGGER IF EXISTS arenden_handelse_ingen_uppdatering ON arenden_handelse;
DROP FUNCTION IF EXISTS arenden_handelse_endast_tillagg();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("arenden", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(skapa_roller, ta_bort_roller),
        migrations.RunSQL(TRIGGER, TRIGGER_BORT),
    ]
