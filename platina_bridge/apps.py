from django.apps import AppConfig


class PlatinaBridgeConfig(AppConfig):
    name = "platina_bridge"
    verbose_name = "Diarieföring i Platina"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # arenden must not import platina_bridge (data flows arenden → platina_bridge), so the
        # bridge registers itself on the escalation hook instead.
        from arenden import krokar
        from platina_bridge import services

        krokar.registrera_efter_eskalering(services.registrering_koa_vid_eskalering)
