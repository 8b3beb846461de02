"""Suggest a kategori from the words of the question: the extension point for the kunskapsbank.

The built-in source matches the words of the text against the names and descriptions of the
active kategorier. Another app (the kunskapsbank, once its search can say which kategori an
answer belongs to) adds a source with `registrera_kalla` from its AppConfig.ready(); every
source returns (kategori id, score) pairs and the scores add up.
"""

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from arenden.models import Kategori

# (text=) -> iterable of (kategori_id, score); a higher score is a better match.
Kalla = Callable[..., Iterable[tuple[int, float]]]

_KALLOR: list[Kalla] = []

# Words shorter than this carry no meaning for the match ("om", "på", "en").
MINSTA_ORD = 4
ORD = re.compile(r"\w+", re.UNICODE)


def registrera_kalla(kalla: Kalla) -> None:
    """Add a suggestion source (once per function)."""
    if kalla not in _KALLOR:
        _KALLOR.append(kalla)


def _ord(text: str) -> set[str]:
    return {o for o in ORD.findall(text.lower()) if len(o) >= MINSTA_ORD}


def _stam(ord_: str) -> str:
    # A crude Swedish stem: "bygglovet", "bygglovs" and "bygglov" meet at the first 6 letters.
    return ord_[:6]


@functools.lru_cache(maxsize=1024)
def _stammar(text: str) -> frozenset[str]:
    # A kategori's name and description are the same from one call to the next.
    return frozenset(_stam(o) for o in _ord(text))


def kategori_namnmatchning(
    *, text: str, kategorier: Iterable[Kategori] | None = None
) -> list[tuple[int, float]]:
    """Score each active kategori by the words it shares with the text (name counts double).

    `kategorier`: the active kategorier, when the caller has already fetched them.
    """
    fragans = {_stam(o) for o in _ord(text)}
    if not fragans:
        return []
    if kategorier is None:
        kategorier = Kategori.objects.filter(aktiv=True).only("id", "namn", "beskrivning")
    traffar = []
    for kategori in kategorier:
        namn = _stammar(kategori.namn)
        beskrivning = _stammar(kategori.beskrivning) - namn
        poang = 2.0 * len(fragans & namn) + len(fragans & beskrivning)
        if poang:
            traffar.append((kategori.pk, poang))
    return traffar


def kategori_foresla(*, text: str, antal: int = 3, kommun_id: int | None = None) -> list[Kategori]:
    """Return up to `antal` kategorier that fit the text, best first.

    With `kommun_id`, only that kommun's: staff register in their own kommun.
    """
    kategorier: dict[int, Kategori] = {}
    poang: dict[int, float] = defaultdict(float)
    if _ord(text):
        # One query: the active kategorier, matched here and handed back with their förvaltning
        # and its kommun (which the new ärende takes).
        kategorier = {
            k.pk: k
            for k in Kategori.objects.filter(aktiv=True).select_related("forvaltning__kommun")
        }
        for kategori_id, varde in kategori_namnmatchning(text=text, kategorier=kategorier.values()):
            poang[kategori_id] += varde
    for kalla in _KALLOR:
        for kategori_id, varde in kalla(text=text):
            poang[kategori_id] += varde
    if saknas := [k for k in poang if k not in kategorier]:
        # Another source may name a kategori that is not active (or not fetched above).
        kategorier.update(Kategori.objects.select_related("forvaltning__kommun").in_bulk(saknas))
    if kommun_id is not None:
        poang = defaultdict(
            float,
            {
                k: v
                for k, v in poang.items()
                if k in kategorier
                and kategorier[k].forvaltning_id is not None
                and kategorier[k].forvaltning.kommun_id == kommun_id
            },
        )
    basta = sorted(poang, key=lambda k: (-poang[k], k))[:antal]
    return [kategorier[k] for k in basta if k in kategorier]
