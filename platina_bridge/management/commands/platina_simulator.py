"""Run the Platina simulator: `python manage.py platina_simulator --port 8085`."""

import threading

from django.core.management.base import BaseCommand

from platina_bridge import konfiguration
from platina_bridge.simulator import Simulator


class Command(BaseCommand):
    help = "Kör en simulerad Platina med felinjicering (se platina_bridge/README.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8085, help="0 väljer en ledig port")
        parser.add_argument("--tyst", action="store_true", help="logga inte varje anrop")

    def handle(self, *args, host: str, port: int, tyst: bool, **options) -> None:
        simulator = Simulator(
            host=host,
            port=port,
            klient_id=konfiguration.varde("CLIENT_ID"),
            hemlighet=konfiguration.varde("CLIENT_SECRET"),
            pratsam=not tyst,
        ).starta()
        # The port line is read by tests that start the simulator on port 0.
        self.stdout.write(f"Platina-simulatorn lyssnar på http://{host}:{simulator.port}/")
        self.stdout.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            simulator.stoppa()
