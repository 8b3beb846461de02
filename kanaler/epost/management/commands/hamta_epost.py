"""`manage.py hamta_epost [--konto NAMN] [--omprova]`: fetch the mailboxes once, now."""

from django.core.management.base import BaseCommand, CommandError

from kanaler.epost import hamtning
from kanaler.epost.models import Epostkonto
from kontaktcenter.errors import ApplicationError


class Command(BaseCommand):
    help = "Hämtar ny e-post från funktionsbrevlådorna en gång (alla aktiva, eller --konto)."

    def add_arguments(self, parser):
        parser.add_argument("--konto", help="Hämta bara detta konto (namnet).")
        parser.add_argument(
            "--omprova",
            action="store_true",
            help="Tolka och placera om brev som hamnat i fellistan, i stället för att hämta.",
        )

    def handle(self, *args, konto=None, omprova=False, **options):
        konton = Epostkonto.objects.filter(aktiv=True)
        if konto:
            konton = Epostkonto.objects.filter(namn=konto)
            if not konton.exists():
                raise CommandError(f"Det finns inget e-postkonto som heter {konto}.")
        if omprova:
            for k in konton:
                r = hamtning.inkommet_omprova(konto=k)
                self.stdout.write(f"{k.namn}: {r.placerade} placerade, {r.fel} fel kvar")
            return
        misslyckade = []
        for k in konton:
            try:
                r = hamtning.konto_hamta(konto=k)
            except ApplicationError as fel:
                self.stderr.write(f"{k.namn}: {fel.message}")
                misslyckade.append(k.namn)
                continue
            if r.upptagen:
                self.stdout.write(f"{k.namn}: en annan hämtning pågår, hoppar över")
                continue
            self.stdout.write(
                f"{k.namn}: {r.hamtade} hämtade, {r.placerade} placerade, {r.fel} fel, "
                f"{r.dubbletter} redan sparade, {r.for_stora} för stora"
            )
        if misslyckade:
            raise CommandError(f"Hämtningen misslyckades för: {', '.join(misslyckade)}")
