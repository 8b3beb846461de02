from django.apps import AppConfig


class BesokConfig(AppConfig):
    name = "kanaler.besok"
    label = "besok"
    verbose_name = "Besök"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden.statistik import berakna
        from kanaler.besok.statistik import besok_statistik

        # Visits per besökstyp in the teamledare's statistics.
        berakna.avsnitt_registrera(namn="besok", berakna=besok_statistik)
