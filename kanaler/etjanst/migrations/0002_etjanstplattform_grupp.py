"""The group of the e-service platform's integration account: it may submit, nothing else."""

from django.db import migrations


def skapa(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="etjanstplattform")


def ta_bort(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="etjanstplattform").delete()


class Migration(migrations.Migration):
    dependencies = [("etjanst", "0001_inlamning"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(skapa, ta_bort)]
