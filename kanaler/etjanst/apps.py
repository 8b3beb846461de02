from django.apps import AppConfig


class EtjanstConfig(AppConfig):
    name = "kanaler.etjanst"
    label = "etjanst"
    verbose_name = "E-tjänst"
    default_auto_field = "django.db.models.BigAutoField"
