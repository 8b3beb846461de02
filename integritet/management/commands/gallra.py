"""`manage.py gallra [--torrkorning]`: apply the kategorier's retention rules now."""

from django.core.management.base import BaseCommand

from integritet import gallring


class Command(BaseCommand):
    help = (
        "Gallra avslutade ärenden som inte är diarieförda när kategorins tid har gått: "
        "anonymisera eller radera enligt kategorin. Samma sak som Celery beat gör varje natt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--torrkorning",
            action="store_true",
            help="Visa bara vilka ärenden som skulle gallras; ändra ingenting.",
        )

    def handle(self, *args, torrkorning: bool, **options):
        resultat = gallring.gallra(torrkorning=torrkorning)
        if torrkorning:
            self.stdout.write("Torrkörning: ingenting har ändrats.")
            verb_anon, verb_rad = "Skulle anonymiseras", "Skulle raderas"
        else:
            verb_anon, verb_rad = "Anonymiserade", "Raderade"
        for verb, lista in ((verb_anon, resultat.anonymiserade), (verb_rad, resultat.raderade)):
            self.stdout.write(f"{verb}: {len(lista)}")
            for nummer in lista:
                self.stdout.write(f"  {nummer}")
        if not torrkorning:
            self.stdout.write(f"Borttagna bilagefiler: {resultat.filer}")
