"""Create the configured PostgreSQL database if it does not exist yet."""

import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import sql


class Command(BaseCommand):
    help = "Skapar databasen i DATABASE_URL om den saknas (för make run på en ny maskin)."

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        anslutning = {
            "dbname": "postgres",
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
            "host": db["HOST"] or None,
            "port": db["PORT"] or None,
        }
        try:
            conn = psycopg2.connect(**{k: v for k, v in anslutning.items() if v})
        except psycopg2.OperationalError as fel:
            raise CommandError(
                f"Kan inte ansluta till PostgreSQL ({fel.args[0].strip()}). "
                "Kontrollera att servern är igång och att DATABASE_URL stämmer."
            ) from None
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
                if cursor.fetchone():
                    self.stdout.write(f"Databasen {db['NAME']} finns redan.")
                    return
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                self.stdout.write(self.style.SUCCESS(f"Skapade databasen {db['NAME']}."))
        finally:
            conn.close()
