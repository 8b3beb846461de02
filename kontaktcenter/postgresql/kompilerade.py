"""Querysets of a fixed shape, compiled to SQL once per process.

Django compiles a queryset to SQL every time it runs it. For the ärende with its seven
related rows that is 0.7 ms of Python, more than PostgreSQL takes to answer the prepared
statement, and the ärende is read on every page, API call and action about it. Here a
caller names the shape with a key and builds the queryset from one varying value with
`bygg(varde)`: the same key must give the same filters, relations, order and limit, so the
SQL differs only in that value's parameters. The first time for a key the queryset is
built and compiled with a marker in place of the value, which shows where the value goes
among the parameters; the SQL, those places and the column layout are kept, and later
calls run the kept SQL with the value put there. Rows become model instances exactly as
Django makes them (select_related and prefetch_related included), through a compiler that
is handed the kept SQL (compiler.FardigSQLCompiler).

A shape the marker does not show in as a parameter, or shows in the SQL text too (the
value written into a RawSQL), or a query that compiles to nothing, is compiled every time
as usual.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

# Values a real parameter never has: PostgreSQL text cannot hold NUL, and no id is negative.
_MARKORER = {str: "\x00kc-markor\x00", int: -7_474_747_474_747_474}
MAX_FORMER = 1024


@dataclass(frozen=True)
class Fardig:
    """One shape's SQL, its parameters with the marker's places, and its column layout."""

    sql: str
    parametrar: tuple
    platser: tuple[int, ...]
    utformning: tuple  # (select, klass_info, annotation_col_map) as get_select() gives them
    har_extra_select: bool

    def parametrar_for(self, varde) -> list:
        parametrar = list(self.parametrar)
        for plats in self.platser:
            parametrar[plats] = varde
        return parametrar


def lista(nyckel: Hashable, bygg: Callable[[object], QuerySet], varde: str | int) -> list[Model]:
    """Return the rows of `bygg(varde)`, with its SQL compiled once for `nyckel`.

    `varde` is a str or an int that becomes a parameter as it is (a nummer, an id).
    """
    qs = bygg(varde)
    nyckel = (nyckel, type(varde), qs.db)
    if nyckel in _FARDIGA:
        fardig = _FARDIGA[nyckel]
    else:
        if len(_FARDIGA) >= MAX_FORMER:
            _FARDIGA.clear()
        fardig = _FARDIGA[nyckel] = _kompilera(bygg(_MARKORER[type(varde)]), type(varde))
    if fardig is None:
        return list(qs)
    qs.query.compiler = "FardigSQLCompiler"
    qs.query.kc_fardig = (fardig, fardig.parametrar_for(varde))
    return list(qs)


# (key, type of value, database) -> the shape compiled, or None: compiled every time.
_FARDIGA: dict[Hashable, Fardig | None] = {}


def _kompilera(qs: QuerySet, typ: type) -> Fardig | None:
    try:
        connections[qs.db].ops.compiler("FardigSQLCompiler")
    except AttributeError:
        return None  # a database backend other than kontaktcenter.postgresql
    markor = _MARKORER[typ]
    kompilator = qs.query.get_compiler(using=qs.db)
    try:
        sql, parametrar = kompilator.as_sql()
    except EmptyResultSet:
        return None
    platser = tuple(i for i, p in enumerate(parametrar) if type(p) is typ and p == markor)
    if not platser or str(markor) in sql:
        return None  # not a parameter, or written into the SQL text as well
    return Fardig(
        sql=sql,
        parametrar=tuple(parametrar),
        platser=platser,
        utformning=(kompilator.select, kompilator.klass_info, kompilator.annotation_col_map),
        har_extra_select=kompilator.has_extra_select,
    )
