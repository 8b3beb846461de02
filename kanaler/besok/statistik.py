"""The besök section of the statistics, registered from `BesokConfig.ready`.

Visits per besökstyp by when they were registered (Swedish days), through
`selectors.besok_per_typ` (one grouped query on the index `besok_tid_typ`). Visits are kanal
besök; with another kanal or a förvaltning filter the section is None.
"""

from datetime import datetime, time, timedelta

from arenden.kalender import TIDSZON
from arenden.statistik.berakna import Urval
from kanaler.besok.models import Besokstyp
from kanaler.besok.selectors import besok_per_typ


def besok_statistik(urval: Urval) -> dict | None:
    """Return the number of visits and each besökstyp's count and share (every type listed)."""
    if urval.forvaltning_id is not None or urval.kanal not in (None, "besok"):
        return None
    per_typ = besok_per_typ(
        fran=datetime.combine(urval.fran, time(0), tzinfo=TIDSZON),
        till=datetime.combine(urval.till + timedelta(days=1), time(0), tzinfo=TIDSZON),
    )
    antal = sum(per_typ.values())
    return {
        "antal": antal,
        "per_typ": [
            {
                "typ": typ.value,
                "namn": str(typ.label),
                "antal": per_typ.get(typ.value, 0),
                "andel": round(per_typ.get(typ.value, 0) / antal, 4) if antal else None,
            }
            for typ in Besokstyp
        ],
    }
