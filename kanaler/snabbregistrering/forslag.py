"""Suggest a kategori from the words of the question: the extension point for the kunskapsbank.

The built-in source matches the words of the text against the names and descriptions of the
active kategorier. Another app (the kunskapsbank, once its search can say which kategori an
answer belongs to) adds a source with `registrera_kalla` from its AppConfig.ready(); every
source returns (kategori id, score) pairs and the scores add up.
"""

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


def kategori_namnmatchning(*, text: str) -> list[tuple[int, float]]:
    """Score each active kategori by the words it shares with the text (name counts double)."""
    fragans = {_stam(o) for o in _ord(text)}
    if not fragans:
        return []
    traffar = []
    for kategori in Kategori.objects.filter(aktiv=True).only("id", "namn", "beskrivning"):
        namn = {_stam(o) for o in _ord(kategori.namn)}
        beskrivning = {_stam(o) for o in _ord(kategori.beskrivning)} - namn
        poang = 2.0 * len(fragans & namn) + len(fragans & beskrivning)
        if poang:
            traffar.append((kategori.pk, poang))
    return traffar


def kategori_foresla(*, text: str, antal: int = 3, kommun_id: int | None = None) -> list[Kategori]:
    """Return up to `antal` kategorier that fit the text, best first.

    With `kommun_id`, only that kommun's: staff register in their own kommun.
    """
    poang: dict[int, float] = defaultdict(float)
    for kalla in (kategori_namnmatchning, *_KALLOR):
        for kategori_id, varde in kalla(text=text):
            poang[kategori_id] += varde
    if kommun_id is not None:
        egna = set(
            Kategori.objects.filter(
                pk__in=list(poang), forvaltning__kommun_id=kommun_id
            ).values_list("pk", flat=True)
        )
        poang = defaultdict(float, {k: v for k, v in poang.items() if k in egna})
    basta = sorted(poang, key=lambda k: (-poang[k], k))[:antal]
    kategorier = Kategori.objects.select_related("forvaltning").in_bulk(basta)
    return [kategorier[k] for k in basta if k in kategorier]
