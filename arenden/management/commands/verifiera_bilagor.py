"""`manage.py verifiera_bilagor`: every attachment's file still there and unchanged.

Run it after restoring a backup (README, "Säkerhetskopiering") or on a schedule: it
compares each file's sha256 with the one stored when the attachment arrived, and exits
non-zero when any file is missing or changed.
"""

from django.core.management.base import BaseCommand, CommandError

from arenden import bilagor


class Command(BaseCommand):
    help = (
        "Kontrollera att varje bilagas fil finns och har samma sha256 som när den togs emot. "
        "Avslutar med felkod om någon fil saknas eller har ändrats."
    )

    def handle(self, *args, **options):
        antal, saknas, andrade = 0, 0, 0
        for _bilaga, avvikelse in bilagor.bilagor_verifiera():
            antal += 1
            if avvikelse is None:
                continue
            if avvikelse.typ == "saknas":
                saknas += 1
                rubrik = "Filen saknas"
            else:
                andrade += 1
                rubrik = "Filen är ändrad (sha256 stämmer inte)"
            self.stderr.write(
                f"{rubrik}: bilaga {avvikelse.bilaga_id} ”{avvikelse.namn}” på ärende "
                f"{avvikelse.arende}, fil {avvikelse.fil}"
            )
        sammanfattning = (
            f"Kontrollerade {antal} bilagor: {antal - saknas - andrade} hela, "
            f"{saknas} saknas, {andrade} ändrade."
        )
        if saknas or andrade:
            raise CommandError(sammanfattning, returncode=1)
        self.stdout.write(self.style.SUCCESS(sammanfattning))
