"""Who delivers an answer: the channel an ärende came in through, if it registered itself.

`arenden` imports no channel. A channel registers a deliverer at start-up (its AppConfig's
`ready`); `services.arende_svara` calls it inside its transaction. A deliverer that takes the
answer returns True and later calls `services.arende_svar_levererat` once the answer has
really left (e-post: the SMTP server accepted it), so an ärende is never marked answered
before that. Without a deliverer, or when it returns False (no address to send to), the
answer counts as given at once, as for a telephone call.
"""

from collections.abc import Callable

# (arende=, meddelande=, av=) -> whether the channel took over the delivery.
Leverantor = Callable[..., bool]

_LEVERANTORER: dict[str, Leverantor] = {}


def registrera(kanal: str, leverantor: Leverantor) -> None:
    """Make `leverantor` deliver the answers on the channel's ärenden."""
    _LEVERANTORER[kanal] = leverantor


def for_kanal(kanal: str) -> Leverantor | None:
    return _LEVERANTORER.get(kanal)
