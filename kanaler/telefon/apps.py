from django.apps import AppConfig, apps


class TelefonConfig(AppConfig):
    name = "kanaler.telefon"
    label = "telefon"
    verbose_name = "Telefon"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kanaler.snabbregistrering import services

        if apps.is_installed("kunskapsbank"):
            from kanaler.telefon.kunskapsbank import artikel_anvand

            # A call solved with an article counts as that article's use (first contact).
            services.registrera_artikelanvandning(artikel_anvand)

        from arenden.statistik import berakna
        from kanaler.telefon.statistik import VYER, telefon_statistik

        # Calls in, answered, missed, callbacks per kö in the teamledare's statistics.
        berakna.avsnitt_registrera(namn="telefon", berakna=telefon_statistik, vyer=VYER)
