from django.apps import AppConfig


class BesokConfig(AppConfig):
    name = "kanaler.besok"
    label = "besok"
    verbose_name = "Besök"
    default_auto_field = "django.db.models.BigAutoField"
