from django.apps import AppConfig


class ArendenConfig(AppConfig):
    name = "arenden"
    verbose_name = "Ärenden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden import lookups, menyer
        from arenden.statistik import tasks  # noqa: F401  (registers the Celery task)

        lookups.registrera()
        menyer.koppla()
