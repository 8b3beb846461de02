"""The group of the växel's integration account: it may post call events, nothing else."""

from django.db import migrations


def skapa(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="vaxel")


def ta_bort(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="vaxel").delete()


class Migration(migrations.Migration):
    dependencies = [("telefon", "0001_kanal"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(skapa, ta_bort)]
