"""`manage.py skapa_token <användare>`: the API token an integration (växel, e-tjänst) uses."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Skriv ut API-token för en användare och skapa den om den saknas. "
        "Används som 'Authorization: Token <nyckel>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("anvandarnamn", help="Användarnamnet som integrationen loggar in som.")
        parser.add_argument(
            "--ny",
            action="store_true",
            help="Byt ut token: den gamla slutar gälla direkt.",
        )

    @transaction.atomic
    def handle(self, *args, anvandarnamn: str, ny: bool, **options):
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
                f"Användaren ”{anvandarnamn}” är inaktiverad; en token skulle inte fungera."
            )
        if ny:
            Token.objects.filter(user=anvandare).delete()
        token, _ = Token.objects.get_or_create(user=anvandare)
        self.stdout.write(token.key)
