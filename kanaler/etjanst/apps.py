from django.apps import AppConfig


class EtjanstConfig(AppConfig):
    name = "kanaler.etjanst"
    label = "etjanst"
    verbose_name = "E-tjänst"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden import krokar
        from kanaler.etjanst import oep

        # Status changes on ärenden from Open ePlatform are reported back to it (the
        # outbox row is written in the service's transaction; see arenden/krokar.py).
        krokar.registrera_efter_handelse(oep.aterrapport_koa_vid_handelse)
