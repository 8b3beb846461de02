from django.apps import AppConfig


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    verbose_name = "Påminnelser om svarstid"
    default_auto_field = "django.db.models.BigAutoField"
