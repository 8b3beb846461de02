"""The ärende lifecycle: which action is possible in which status.

ny → pagaende → (vantar_pa_kontakt | parkerad | eskalerad) → besvarad → avslutad, and back
to pagaende on reopening. Services enforce this table; the UI reads it to offer only what
is possible.
"""

from arenden.models import Status

_OPPNA = frozenset(Status.oppna())
_ALLA = frozenset(Status.values)

TILLATNA_STATUSAR: dict[str, frozenset[str]] = {
    "tilldela": _OPPNA,
    "omfordela": _OPPNA,
    "klassificera": _OPPNA,
    "svara": _ALLA - {Status.AVSLUTAD},
    "anteckna": _ALLA,
    "eskalera": _OPPNA - {Status.ESKALERAD},
    "vanta": _OPPNA - {Status.VANTAR_PA_KONTAKT},
    "avsluta": _ALLA - {Status.AVSLUTAD},
    "ateroppna": frozenset({Status.BESVARAD, Status.AVSLUTAD}),
    "sla_ihop": _OPPNA,
    "sekretess": _ALLA,
    "parkera": _OPPNA - {Status.PARKERAD},
    # A handläggare hands an escalated ärende back with an internal answer.
    "aterlamna": frozenset({Status.ESKALERAD}),
    # Förvaltningslagen 11 §: while the citizen still waits for the answer.
    "forseningsbesked": _OPPNA,
}


def mojlig(atgard: str, status: str) -> bool:
    """Return whether the action fits the status."""
    return status in TILLATNA_STATUSAR[atgard]
