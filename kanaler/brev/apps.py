from django.apps import AppConfig


class BrevConfig(AppConfig):
    name = "kanaler.brev"
    label = "brev"
    verbose_name = "Brev"
    default_auto_field = "django.db.models.BigAutoField"
