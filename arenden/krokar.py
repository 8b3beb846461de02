"""Hooks through which other apps act inside an ärende's transaction.

`arenden` imports no channel and no integration: they register here from their
AppConfig.ready(), and the services call what is registered. A hook runs inside the
service's transaction and must itself defer anything that leaves it (tasks, mail, HTTP)
with transaction.on_commit.

Three kinds:
- after every Handelse a service writes (status changes, answers, closing), every
  registered callback runs (the e-tjänst channel reports status back to Open ePlatform);
- after an escalation, every registered callback runs (the Platina bridge writes its
  outbox row);
- an answer is delivered by the channel the ärende came in through, if that channel
  registered a deliverer. A deliverer that takes the answer returns True and later calls
  `services.arende_svar_levererat` once the answer has really left (e-post: the SMTP
  server accepted it), so an ärende is never marked answered before that. Without a
  deliverer, or when it returns False (no address to send to), the answer counts as given
  at once, as for a telephone call.
"""

from collections.abc import Callable

_efter_eskalering: list[Callable[..., None]] = []
_efter_handelse: list[Callable[..., None]] = []


def registrera_efter_handelse(funktion: Callable[..., None]) -> None:
    """Call `funktion(handelse=)` after every Handelse a service writes (once per function).

    It runs for every event on every ärende, so it should decide quickly (on
    `handelse.typ` and `handelse.arende.kanal`) before it asks the database anything.
    """
    if funktion not in _efter_handelse:
        _efter_handelse.append(funktion)


def handelse_skriven(*, handelse) -> None:
    """Run the Handelse callbacks; called by arenden.services after writing one."""
    for funktion in _efter_handelse:
        funktion(handelse=handelse)


def registrera_efter_eskalering(funktion: Callable[..., None]) -> None:
    """Call `funktion(arende=, av=, diariefor=)` after every escalation (once per function)."""
    if funktion not in _efter_eskalering:
        _efter_eskalering.append(funktion)


def eskalerad(*, arende, av, diariefor: bool) -> None:
    """Run the escalation callbacks; called by arenden.services.arende_eskalera."""
    for funktion in _efter_eskalering:
        funktion(arende=arende, av=av, diariefor=diariefor)


# (arende=, meddelande=, av=) -> whether the channel took over the delivery.
Leverantor = Callable[..., bool]

_LEVERANTORER: dict[str, Leverantor] = {}


def registrera_leverantor(kanal: str, leverantor: Leverantor) -> None:
    """Make `leverantor` deliver the answers on the channel's ärenden."""
    _LEVERANTORER[kanal] = leverantor


def leverantor_for_kanal(kanal: str) -> Leverantor | None:
    return _LEVERANTORER.get(kanal)


# (typ=, user=, arenden=, data=) -> None. The audit log (integritet) registers here, so that
# every read of a sekretessmarkerat ärende and every export of personal data is recorded
# without arenden importing it.
Granskare = Callable[..., None]

_granskare: list[Granskare] = []


def registrera_granskare(funktion: Granskare) -> None:
    """Call `funktion(typ=, user=, arenden=, data=)` on every audited read or export."""
    if funktion not in _granskare:
        _granskare.append(funktion)


def granska(*, typ: str, user, arenden: list, data: dict | None = None) -> None:
    """Tell the audit log that `user` read or exported these ärenden (`typ`: last, listat,
    export); called by arenden.behorighet and the exports."""
    for funktion in _granskare:
        funktion(typ=typ, user=user, arenden=arenden, data=data or {})
