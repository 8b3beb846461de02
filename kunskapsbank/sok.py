"""Search that works for Swedish: full text, typos, compound words and synonyms.

A query goes through four steps, each one SQL round trip at most:

1. split into words (lower case, letters and digits);
2. add synonyms from the administrator's table (`dagis` → `förskola`), matched on the word
   and on the word without a common Swedish ending (`soptunnan` → `soptunna`);
3. for a word no article contains, add the parts of a compound that articles do contain
   (`bygglovsansökan` → `bygglov`, `ansökan`; the linking `s` is dropped) and, failing
   that, the nearest words by trigram similarity (`parkeringstilstånd` →
   `parkeringstillstånd`);
4. one ranked query: the `swedish` text-search configuration over the weighted
   `sokvektor` (fråga A, other phrasings B, svar C) through its GIN index, OR a trigram
   match on the fråga (word similarity, so a short query can match part of it). The score
   counts how many of the query's words an article covers, then adds text rank and trigram
   similarity, and is raised by how often the article answered an ärende (log scale, so
   that a popular article cannot drown a better match).
"""

import html
import re
from dataclasses import dataclass

from django.db import connection

from arenden.models import Forvaltning
from kunskapsbank.models import ArtikelStatus

ORD = re.compile(r"[0-9a-zåäöéüæø]+", re.IGNORECASE)
# Common Swedish inflection endings, longest first; used to match synonyms and words.
ANDELSER = ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "en", "et", "na",
            "ar", "er", "or", "n", "s", "a", "e")  # fmt: skip
# Words shorter than this are never split or typo-corrected: too many false friends.
MINSTA_RATTNING = 5
MINSTA_DEL = 3
# Words that carry no topic in a citizen's question; PostgreSQL's Swedish stop words are
# dropped anyway (jag, och, om, hur …), these are not among them.
VANLIGA = frozenset(
    [
        "vill",
        "ha",
        "kan",
        "får",
        "behöver",
        "gör",
        "göra",
        "finns",
        "kommer",
        "inget",
        "ingen",
        "inga",
        "bort",
        "fler",
        "mer",
        "mycket",
        "kommunen",
        "kommunens",
        "kommunal",
        "kommunalt",
        "kommunala",
        "någon",
        "något",
        "tack",
        "hej",
        "fråga",
        "undrar",
        "snälla",
        "ska",
        "skulle",
        "man",
    ]
)
# A typo correction must be at least this similar (pg_trgm similarity, 0–1).
RATTNING_LIKHET = 0.45
# Words at least this long are searched as prefixes too (`bygglov:*` finds `bygglovstaxan`);
# shorter ones only as their stem, since a short prefix matches half the bank.
PREFIX_FRAN = 6
# Full-text matches ranked in full (stage 2 of the query); enough that the trigram term
# (at most 0.5) cannot lift a match from below this into the top ten.
KANDIDATER = 50
# Short Swedish stop words, never highlighted (PostgreSQL ignores them in the search too).
STOPPORD = frozenset(
    ("är", "om", "och", "i", "på", "att", "en", "ett", "det", "jag", "du", "vi", "hur", "min",
     "för", "med", "av", "till", "har", "kan", "de", "den", "man", "ni", "så", "var", "vad")
)  # fmt: skip
# Words in a snippet, and how many of them come before the first hit.
UTDRAG_ORD = 30
UTDRAG_FORE = 8


@dataclass(frozen=True)
class Traff:
    id: int
    fraga: str
    snippet: str  # HTML: escaped text with <mark> around the hits
    poang: float
    malgrupp: str
    forvaltning: str
    svar_text: str


def ord_i(text: str) -> list[str]:
    """Return the words of a text, lower-cased, in order, each once."""
    sedda: dict[str, None] = {}
    for ord_ in ORD.findall(text.lower()):
        if len(ord_) >= 2:
            sedda.setdefault(ord_, None)
    return list(sedda)


def _stammar(ord_: str) -> list[str]:
    """Return the word and the word without each common ending it has."""
    ut = [ord_]
    for andelse in ANDELSER:
        if ord_.endswith(andelse) and len(ord_) - len(andelse) >= MINSTA_DEL:
            ut.append(ord_[: -len(andelse)])
    return ut


def _synonympar(ordlista: list[str]) -> list[tuple[set[str], set[str]]]:
    """Return the synonym pairs that touch any of the words (or their stems)."""
    varianter = sorted({v for o in ordlista for v in _stammar(o)})
    if not varianter:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lower(ord), lower(betyder) FROM kunskapsbank_synonym "
            "WHERE lower(ord) = ANY(%s) OR lower(betyder) = ANY(%s)",
            [varianter, varianter],
        )
        return [({a, *ord_i(a)}, {b, *ord_i(b)}) for a, b in cursor.fetchall()]


def _delar(ord_: str) -> set[str]:
    """Return the candidate parts of a possible compound word."""
    kandidater: set[str] = set()
    for i in range(MINSTA_DEL + 1, len(ord_) - MINSTA_DEL + 1):
        forled, efterled = ord_[:i], ord_[i:]
        kandidater.add(forled)
        if forled.endswith("s") and len(forled) > MINSTA_DEL + 1:
            kandidater.add(forled[:-1])
        kandidater.add(efterled)
    return kandidater


def _kanda(ordlista: set[str]) -> set[str]:
    """Return the words that occur in an article or are a synonym (`dagis` in `dagisplats`)."""
    if not ordlista:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            # A join on the unique index: ANY() over a long array would compare every row.
            "SELECT s.ord FROM unnest(%(ord)s::varchar[]) AS q(ord) "
            "JOIN kunskapsbank_sokord s ON s.ord = q.ord "
            "UNION SELECT lower(y.ord) FROM kunskapsbank_synonym y "
            "WHERE lower(y.ord) = ANY(%(ord)s::text[])",
            {"ord": sorted(ordlista)},
        )
        return {rad[0] for rad in cursor.fetchall()}


def _narmaste(ordlista: list[str]) -> dict[str, set[str]]:
    """Return, for each word, the one or two article words nearest by trigram similarity."""
    if not ordlista:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.ord, n.ord FROM unnest(%s::text[]) AS q(ord)
            CROSS JOIN LATERAL (
                SELECT s.ord FROM kunskapsbank_sokord s
                WHERE s.ord %% q.ord AND similarity(s.ord, q.ord) >= %s
                ORDER BY similarity(s.ord, q.ord) DESC, s.ord LIMIT 2
            ) n
            """,
            [ordlista, RATTNING_LIKHET],
        )
        ut: dict[str, set[str]] = {}
        for fran, till in cursor.fetchall():
            ut.setdefault(fran, set()).add(till)
        return ut


def grupper(fraga: str) -> list[set[str]]:
    """Return one group of search words per word of the query.

    A group holds the word and what stands for it: the known word under a common ending,
    compound parts, typo corrections and synonyms. Words so common in questions that they
    say nothing (`vill`, `kommunen`) are left out unless nothing else is left.
    """
    egna = ord_i(fraga)
    betydande = [o for o in egna if o not in VANLIGA] or egna
    langa = [o for o in betydande if len(o) >= MINSTA_RATTNING]
    stammar = {o: [v for v in _stammar(o)[1:] if len(v) >= MINSTA_RATTNING] for o in langa}
    delkandidater = {o: _delar(o) for o in langa}
    for o, varianter in stammar.items():
        for v in varianter:
            delkandidater[o] |= {d for d in _delar(v) if o.startswith(d) or v.endswith(d)}
    kanda = _kanda(
        set(langa)
        | {v for varianter in stammar.values() for v in varianter}
        | {d for delar in delkandidater.values() for d in delar}
    )
    grupp = {o: {o} for o in betydande}
    behover_rattning = []
    for ord_ in langa:
        if ord_ in kanda:
            continue
        kanda_stammar = [v for v in stammar[ord_] if v in kanda]
        if kanda_stammar:
            # Only inflected (`gymnasiebetyget`): the known stem is enough.
            grupp[ord_].update(kanda_stammar)
            continue
        delar = delkandidater[ord_] & kanda
        # Keep the longest known first and last parts; short ones are noise (`bygg`, `lov`).
        forled = max((d for d in delar if ord_.startswith(d)), key=len, default=None)
        efterled = max(
            (d for d in delar if any(v.endswith(d) for v in (ord_, *stammar[ord_]))),
            key=len,
            default=None,
        )
        grupp[ord_].update(d for d in (forled, efterled) if d)
        behover_rattning.append(ord_)
    for ord_, narmaste in _narmaste(behover_rattning).items():
        grupp[ord_].update(narmaste)
    par = _synonympar(sorted({t for g in grupp.values() for t in g}))
    for termer_ in grupp.values():
        varianter = {v for t in termer_ for v in _stammar(t)}
        for a, b in par:
            if a & varianter or b & varianter:
                termer_.update(a | b)
    return [grupp[o] for o in betydande]


def termer(fraga: str) -> list[str]:
    """Return every word searched for, sorted (for display and tests)."""
    return sorted({t for g in grupper(fraga) for t in g})


def _tsquery(termer_: set[str]) -> str:
    """Build a to_tsquery text: every term OR'ed, long ones as prefixes (`bygglov:*`)."""
    delar = []
    for term in sorted(termer_):
        if not ORD.fullmatch(term):
            continue
        delar.append(f"{term}:*" if len(term) >= PREFIX_FRAN else term)
    return " | ".join(delar)


def _forvaltningar(kommun_id: int | None) -> list[int] | None:
    """The kommun's förvaltningar as a short id list, which the planner checks per candidate."""
    if kommun_id is None:
        return None
    return list(Forvaltning.objects.filter(kommun_id=kommun_id).values_list("id", flat=True))


def sok(
    *,
    fraga: str,
    malgrupper: list[str],
    antal: int = 10,
    status: str = ArtikelStatus.PUBLICERAD,
    kommun_id: int | None = None,
) -> list[Traff]:
    """Return the best articles for a query, best first, among the given audiences.

    With `kommun_id`, only the articles of that kommun's förvaltningar.
    """
    fraga = fraga.strip()[:300]
    grupper_ = grupper(fraga)
    gruppfragor = [q for q in (_tsquery(g) for g in grupper_) if q]
    if not gruppfragor:
        return []
    tsq = " | ".join(f"({q})" for q in gruppfragor)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH q AS (
                SELECT to_tsquery('swedish', %(tsq)s) AS q,
                    ARRAY(SELECT to_tsquery('swedish', g) FROM unnest(%(grupper)s::text[]) g)
                        AS grupper
            ),
            -- Stage 1: full-text matches by words covered and text rank, and the few
            -- trigram matches on the fråga. word_similarity costs too much to compute for
            -- every full-text match of a common word, so stage 2 does it for these only.
            fts AS (
                SELECT a.id FROM kunskapsbank_kunskapsartikel a, q
                WHERE a.status = %(status)s AND a.malgrupp = ANY(%(malgrupper)s)
                  AND (%(forvaltningar)s::int[] IS NULL
                       OR a.forvaltning_id = ANY(%(forvaltningar)s::int[]))
                  AND a.sokvektor @@ q.q
                ORDER BY ((SELECT count(*) FROM unnest(q.grupper) g WHERE a.sokvektor @@ g)
                    + ts_rank(a.sokvektor, q.q, 1)) * (1 + 0.1 * ln(1 + a.anvandningar)) DESC,
                    a.id
                LIMIT %(kandidater)s
            ),
            -- Only when full text found fewer than `antal`: every full-text match covers a
            -- word group and scores at least 1, a trigram-only match at most
            -- 0.5 * (1 + 0.1 ln(1 + uses)), under 1 below ~22,000 uses, so it could not
            -- reach the top anyway, and rechecking word similarity over hundreds of
            -- index hits is the most expensive part of a search.
            trgm AS (
                SELECT a.id FROM kunskapsbank_kunskapsartikel a
                WHERE (SELECT count(*) FROM fts) < %(antal)s
                  AND a.status = %(status)s AND a.malgrupp = ANY(%(malgrupper)s)
                  AND (%(forvaltningar)s::int[] IS NULL
                       OR a.forvaltning_id = ANY(%(forvaltningar)s::int[]))
                  AND %(text)s <%% a.fraga
                LIMIT %(kandidater)s
            ),
            topp AS (
                SELECT a.id, a.fraga, a.svar_text, a.malgrupp, a.forvaltning_id,
                    ((SELECT count(*) FROM unnest(q.grupper) g WHERE a.sokvektor @@ g)
                      + ts_rank(a.sokvektor, q.q, 1) + 0.5 * word_similarity(%(text)s, a.fraga))
                      * (1 + 0.1 * ln(1 + a.anvandningar)) AS poang
                FROM kunskapsbank_kunskapsartikel a, q
                WHERE a.id IN (SELECT id FROM fts UNION SELECT id FROM trgm)
                ORDER BY poang DESC, a.id
                LIMIT %(antal)s
            )
            SELECT t.id, t.fraga, t.poang, t.malgrupp, f.namn, t.svar_text
            FROM topp t JOIN arenden_forvaltning f ON f.id = t.forvaltning_id
            ORDER BY t.poang DESC, t.id
            """,
            {
                "tsq": tsq,
                "grupper": gruppfragor,
                "text": fraga,
                "status": status,
                "malgrupper": list(malgrupper),
                "forvaltningar": _forvaltningar(kommun_id),
                "antal": antal,
                "kandidater": max(KANDIDATER, antal),
            },
        )
        rader = cursor.fetchall()
    stammar = _utdragsstammar({t for g in grupper_ for t in g})
    return [
        Traff(
            id=r[0],
            fraga=r[1],
            poang=round(float(r[2]), 4),
            malgrupp=r[3],
            forvaltning=r[4],
            svar_text=r[5],
            snippet=utdrag(r[5], stammar),
        )
        for r in rader
    ]


def _utdragsstammar(termer_: set[str]) -> tuple[set[str], tuple[str, ...]]:
    """Return (short words matched whole, stems matched as word beginnings)."""
    korta = {t for t in termer_ if len(t) < 4} - STOPPORD
    stammar = tuple(sorted({min(_stammar(t), key=len) for t in termer_ if len(t) >= 4}))
    return korta, stammar


def utdrag(text: str, stammar: tuple[set[str], tuple[str, ...]]) -> str:
    """Return about 30 words of the text around the first hit, escaped, hits in <mark>.

    Done here rather than with ts_headline, which costs a few milliseconds per search.
    """
    korta, langa = stammar
    ord_ = text.split()

    def traff(o: str) -> bool:
        rent = o.strip(".,;:!?()”\"'").lower()
        return rent in korta or (bool(langa) and rent.startswith(langa))

    forsta = next((i for i, o in enumerate(ord_) if traff(o)), 0)
    start = max(0, forsta - UTDRAG_FORE)
    valda = ord_[start : start + UTDRAG_ORD]
    delar = [f"<mark>{html.escape(o)}</mark>" if traff(o) else html.escape(o) for o in valda]
    return (
        ("… " if start else "") + " ".join(delar) + (" …" if start + UTDRAG_ORD < len(ord_) else "")
    )


def sokvektor_uppdatera(*, artikel_ids: list[int]) -> None:
    """Rebuild the articles' search vectors and add their words to the vocabulary."""
    if not artikel_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE kunskapsbank_kunskapsartikel a SET sokvektor =
                setweight(to_tsvector('swedish', a.fraga), 'A')
                || setweight(to_tsvector('swedish', coalesce(
                    (SELECT string_agg(x, ' ') FROM jsonb_array_elements_text(
                        a.alternativa_fragor) AS x), '')), 'B')
                || setweight(to_tsvector('swedish', coalesce(k.namn, '')), 'B')
                || setweight(to_tsvector('swedish', a.svar_text), 'C')
            FROM kunskapsbank_kunskapsartikel a2
            LEFT JOIN arenden_kategori k ON k.id = a2.kategori_id
            WHERE a.id = a2.id AND a.id = ANY(%s)
            """,
            [artikel_ids],
        )
        cursor.execute(
            """
            INSERT INTO kunskapsbank_sokord (ord)
            SELECT DISTINCT w FROM kunskapsbank_kunskapsartikel a,
                regexp_split_to_table(lower(a.fraga || ' ' || a.alternativa_fragor::text
                    || ' ' || a.svar_text), '[^0-9a-zåäöéüæø]+') AS w
            WHERE a.id = ANY(%s) AND length(w) BETWEEN 2 AND 100
            ON CONFLICT (ord) DO NOTHING
            """,
            [artikel_ids],
        )
