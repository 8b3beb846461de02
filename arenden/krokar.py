"""Hooks through which later apps act inside an ärende's transaction.

Data flows arenden → platina_bridge, so arenden never imports the bridge; the bridge
registers a callback here from its AppConfig.ready(). A callback runs inside the
service's transaction, after the timeline entry, and must itself defer anything that
leaves the transaction (tasks, HTTP) with transaction.on_commit.
"""

from collections.abc import Callable

_efter_eskalering: list[Callable[..., None]] = []


def registrera_efter_eskalering(funktion: Callable[..., None]) -> None:
    """Call `funktion(arende=, av=, diariefor=)` after every escalation (once per function)."""
    if funktion not in _efter_eskalering:
        _efter_eskalering.append(funktion)


def eskalerad(*, arende, av, diariefor: bool) -> None:
    """Run the escalation callbacks; called by arenden.services.arende_eskalera."""
    for funktion in _efter_eskalering:
        funktion(arende=arende, av=av, diariefor=diariefor)
