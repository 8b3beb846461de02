from django.apps import AppConfig


class IntegritetConfig(AppConfig):
    name = "integritet"
    verbose_name = "Personuppgifter och gallring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden import krokar
        from integritet import services

        krokar.registrera_granskare(services.logg_granskning)
