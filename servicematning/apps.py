from django.apps import AppConfig


class ServicematningConfig(AppConfig):
    name = "servicematning"
    verbose_name = "Servicemätning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden.statistik import berakna
        from servicematning.selectors import VYER, servicematning_statistik

        # SKR's three indexes (enkelhet, tydlighet, bemötande) per kanal in the statistics.
        berakna.avsnitt_registrera(
            namn="servicematning", berakna=servicematning_statistik, vyer=VYER
        )
