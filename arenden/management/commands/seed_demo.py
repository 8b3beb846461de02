"""`manage.py seed_demo`: a demo kommun with users, catalogue and realistic ärenden."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from arenden.demodata.anvandare import DEMOANVANDARE, DEMOLOSENORD, katalog_skapa, personal_skapa
from arenden.demodata.skrivare import arenden_fyll_pa
from arenden.demodata.svarsmallar import svarsmallar_demo
from arenden.models import Arende
from arenden.statistik.berakna import sammanstallning_uppdatera

# Past this many new rows VACUUM too, so that the planner and index-only scans see the
# table as a long-running database would.
VACUUM_FRAN = 50_000


class Command(BaseCommand):
    help = (
        "Fyller databasen med en demokommun: förvaltningar, kategorier, en användare per roll "
        "och ärenden med tidslinjer. Kan köras flera gånger; skapar bara det som saknas."
    )

    def add_arguments(self, parser):
        parser.add_argument("--arenden", type=int, default=2000, help="Antal ärenden totalt.")
        parser.add_argument(
            "--dagar", type=int, default=90, help="Ärendena inkom de senaste D dagarna."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Slumpfrö; samma frö ger samma data."
        )

    def handle(self, *args, arenden: int, dagar: int, seed: int, **options):
        if arenden < 0 or dagar < 1:
            raise CommandError("--arenden ska vara minst 0 och --dagar minst 1.")
        katalog = katalog_skapa()
        personal = personal_skapa(katalog)
        self.stdout.write(
            f"Katalog: {katalog.kommun}, {len(katalog.forvaltningar)} förvaltningar, "
            f"{len(katalog.kategorier)} kategorier."
        )

        finns = Arende.objects.count()
        if finns >= arenden:
            self.stdout.write(f"Ärenden: {finns:,} finns redan (minst {arenden:,}), skapar inga.")
        else:
            saknas = arenden - finns
            self.stdout.write(f"Ärenden: {finns:,} finns, skapar {saknas:,} …")
            start = time.monotonic()
            skapade = arenden_fyll_pa(
                antal=saknas,
                dagar=dagar,
                seed=seed,
                katalog=katalog,
                personal=personal,
                utskrift=self.stdout.write,
            )
            # VACUUM cannot run inside a transaction (a test, or a caller's atomic block).
            vacuum = skapade >= VACUUM_FRAN and not connection.in_atomic_block
            self._statistik_uppdatera(vacuum=vacuum)
            # The dashboard reads summary views; fill them now rather than at the next beat.
            sammanstallning_uppdatera()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Skapade {skapade:,} ärenden på {time.monotonic() - start:.0f} s."
                )
            )

        self.stdout.write("\nDemoanvändare (samma lösenord för alla):")
        self.stdout.write(f"  {'roll':<17}{'användarnamn':<15}lösenord")
        for demo in DEMOANVANDARE:
            self.stdout.write(f"  {demo.roll:<17}{demo.anvandarnamn:<15}{DEMOLOSENORD}")

        from kunskapsbank.demodata.ladda import kunskapsbank_demo

        self.stdout.write(f"Kunskapsbank: {kunskapsbank_demo()} nya artiklar.")
        self.stdout.write(f"Svarsmallar: {svarsmallar_demo()} nya.")

    def _statistik_uppdatera(self, *, vacuum: bool) -> None:
        """Give the planner statistics for the new rows; autovacuum would, but later."""
        tabeller = (
            "arenden_kontakt, arenden_arende, arenden_meddelande, arenden_handelse, "
            "arenden_arende_sekretess_behoriga"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"{'VACUUM (ANALYZE)' if vacuum else 'ANALYZE'} {tabeller}")
