from django.apps import AppConfig


class EpostConfig(AppConfig):
    name = "kanaler.epost"
    label = "epost"
    verbose_name = "E-post"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden import krokar
        from kanaler.epost import services

        # Answers on e-post ärenden are delivered by this channel (see arenden/krokar.py).
        krokar.registrera_leverantor("epost", services.svar_leverera)
