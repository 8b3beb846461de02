from django.apps import AppConfig


class KunskapsbankConfig(AppConfig):
    name = "kunskapsbank"
    verbose_name = "Kunskapsbank"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from arenden.statistik import berakna
        from kunskapsbank.statistik import VYER, kunskapsbank_statistik

        # Ärenden answered with an article, most used articles, kunskapsluckor.
        berakna.avsnitt_registrera(namn="kunskapsbank", berakna=kunskapsbank_statistik, vyer=VYER)
