from django.apps import AppConfig


class KunskapsbankConfig(AppConfig):
    name = "kunskapsbank"
    verbose_name = "Kunskapsbank"
    default_auto_field = "django.db.models.BigAutoField"
