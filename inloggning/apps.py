from django.apps import AppConfig


class InloggningConfig(AppConfig):
    name = "inloggning"
    verbose_name = "Inloggning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the OpenAPI description of the API key scheme and the settings check.
        from inloggning import checks, schema  # noqa: F401
