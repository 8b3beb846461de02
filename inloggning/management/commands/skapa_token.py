"""`manage.py skapa_token`: create, list and revoke the API keys integrations use."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inloggning import selectors, services
from inloggning.errors import NyckelSaknas


class Command(BaseCommand):
    help = (
        "Skapa en API-nyckel för en integration (växel, e-tjänsteplattform) som agerar som "
        "en tjänsteanvändare. Nyckeln skrivs ut EN gång och sparas bara som hash; används som "
        "'Authorization: Token <nyckel>'. --lista visar nycklarna, --aterkalla <prefix> "
        "stänger av en."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "anvandarnamn", nargs="?", help="Tjänsteanvändaren som integrationen agerar som."
        )
        parser.add_argument(
            "--integration",
            help="Integrationens namn, till exempel ”Växeln” (standard: användarnamnet).",
        )
        parser.add_argument(
            "--ny",
            action="store_true",
            help="Återkalla användarens tidigare nycklar när den nya skapas.",
        )
        parser.add_argument("--lista", action="store_true", help="Lista alla nycklar.")
        parser.add_argument("--aterkalla", metavar="PREFIX", help="Återkalla nyckeln direkt.")

    def handle(self, *args, anvandarnamn, integration, ny, lista, aterkalla, **options):
        if lista:
            return self._lista()
        if aterkalla:
            try:
                rad = services.api_nyckel_aterkalla(prefix=aterkalla)
            except NyckelSaknas as fel:
                raise CommandError(fel.message) from None
            self.stdout.write(f"Återkallad: {rad.prefix} ({rad.integration}).")
            return None
        if not anvandarnamn:
            raise CommandError("Ange tjänsteanvändaren, --lista eller --aterkalla <prefix>.")
        User = get_user_model()
        try:
            anvandare = User.objects.get(**{User.USERNAME_FIELD: anvandarnamn})
        except User.DoesNotExist:
            raise CommandError(
                f"Det finns ingen användare som heter ”{anvandarnamn}”. "
                "Skapa användaren först (till exempel i administrationen)."
            ) from None
        if not anvandare.is_active:
            raise CommandError(
                f"Användaren ”{anvandarnamn}” är inaktiverad; en nyckel skulle inte fungera."
            )
        _rad, nyckel = services.api_nyckel_skapa(
            integration=integration or anvandarnamn, anvandare=anvandare, ersatt_tidigare=ny
        )
        # The key alone on stdout, so that a script can capture it; it cannot be shown again.
        self.stdout.write(nyckel)
        self.stderr.write("Spara nyckeln nu: den sparas bara som hash och kan inte visas igen.")
        return None

    def _lista(self) -> None:
        rader = selectors.api_nyckel_lista()
        if not rader:
            self.stdout.write("Inga API-nycklar.")
            return
        self.stdout.write(
            f"{'Prefix':<10} {'Integration':<24} {'Användare':<20} {'Skapad':<17} "
            f"{'Senast använd':<17} Status"
        )
        for rad in rader:
            status = f"återkallad {self._tid(rad.aterkallad)}" if rad.aterkallad else "aktiv"
            self.stdout.write(
                f"{rad.prefix:<10} {rad.integration[:24]:<24} "
                f"{rad.anvandare.get_username()[:20]:<20} {self._tid(rad.skapad):<17} "
                f"{self._tid(rad.senast_anvand) or '–':<17} {status}"
            )

    @staticmethod
    def _tid(tid) -> str:
        return timezone.localtime(tid).strftime("%Y-%m-%d %H:%M") if tid else ""
