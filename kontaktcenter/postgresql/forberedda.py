"""Server-side prepared statements for psycopg2: a statement planned once per connection.

PostgreSQL parses, analyses and plans every statement it is sent. For the short queries
of a web request that was half of the server's time (0.29 ms of CPU a query, 0.14 ms
for the same query prepared: the ärende page's, the queue's and a call's, measured in
December 2026). psycopg 3 prepares repeated statements itself (`prepare_threshold`);
psycopg2, which the stack is fixed to, binds parameters on the client and never does.

So a cursor here counts the statements it is given, per connection. The `troskel`-th time
the same text comes with a sequence of parameters, it is sent once as
`PREPARE kc_N AS …` (the `%s` placeholders numbered `$1 …`), and from then on as
`EXECUTE kc_N (…)` with the same parameters, quoted by psycopg2 as before. What the server
inferred for each parameter is read back at once and checked against the Python values
(`_TILLATNA`): a parameter PostgreSQL could only call text while the value is a number (an
annotation `Value(1)` in a select list) would come back as a string, so such a statement
is never prepared. Nor is one whose PREPARE the server refuses (a parameter with no type
to infer, such as `%s IS NULL`); inside a transaction the attempt runs under a savepoint,
so the refusal costs the transaction nothing. The attempt is made once per connection.

At most `MAX_FORBEREDDA` statements are kept per connection (least recently used go,
with DEALLOCATE). DDL on the connection (ALTER, DROP, CREATE), or a DEALLOCATE or DISCARD
of its own, drops them all first, and an EXECUTE the server no longer accepts (a table
changed under it by another connection) empties the list; outside a transaction the
statement is then run again as it is, inside one the error is the transaction's.

Prepared statements belong to one server session, which a pooler in transaction mode
(PgBouncer) does not give: set DATABASE_PREPARE_THRESHOLD=0 behind one.
"""

import datetime
import decimal
import re
import uuid
from collections import OrderedDict

import psycopg2
from psycopg2 import errors, extensions, extras

MAX_FORBEREDDA = 256
# Statement texts counted but not (yet) prepared, per connection; the count starts over
# when there are more (a query with an IN list of every length, a bulk insert).
MAX_RAKNADE = 4096
# What PREPARE takes (WITH: a query or a data-modifying statement with a CTE).
_FORBEREDBARA = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
# Statements that may change what a prepared statement returns, or drop it.
_DDL = ("ALTER", "DROP", "CREATE", "DEALLOCATE", "DISCARD")
_ALDRIG = -1
_DDL_SATS = -2
_PLATSHALLARE = re.compile(r"%(?:%|s|\()")
_SPARPUNKT = "kc_forbered"
_HELTAL = frozenset({"smallint", "integer", "bigint", "numeric", "real", "double precision", "oid"})
_TIDPUNKT = frozenset({"timestamp with time zone", "timestamp without time zone"})
# The PostgreSQL types a Python value may be bound to with the meaning psycopg2's literal
# had. A string goes anywhere: psycopg2 sends it as an untyped literal, which PostgreSQL
# types from its context exactly as it types a parameter. None is NULL of any type.
_TILLATNA: dict[type, frozenset[str] | None] = {
    type(None): None,
    str: None,
    bool: frozenset({"boolean"}),
    int: _HELTAL,
    float: frozenset({"real", "double precision", "numeric"}),
    decimal.Decimal: frozenset({"numeric", "real", "double precision"}),
    datetime.datetime: _TIDPUNKT,
    datetime.date: _TIDPUNKT | {"date"},
    datetime.time: frozenset({"time without time zone", "time with time zone"}),
    datetime.timedelta: frozenset({"interval"}),
    bytes: frozenset({"bytea"}),
    memoryview: frozenset({"bytea"}),
    uuid.UUID: frozenset({"uuid"}),
    extras.Json: frozenset({"json", "jsonb"}),
}


class _Sats:
    """A statement prepared on one connection."""

    __slots__ = ("exekvera", "godkanda", "namn", "pgtyper")

    def __init__(self, namn: str, pgtyper: tuple[str, ...]):
        self.namn = namn
        platser = ", ".join(["%s"] * len(pgtyper))
        self.exekvera = f"EXECUTE {namn} ({platser})" if pgtyper else f"EXECUTE {namn}"
        self.pgtyper = pgtyper
        # Tuples of the parameters' Python types, checked once each: True when they bind
        # to pgtyper with their old meaning.
        self.godkanda: dict[tuple[type, ...], bool] = {}

    def passar(self, parametrar) -> bool:
        typer = tuple(map(type, parametrar))
        svar = self.godkanda.get(typer)
        if svar is None:
            svar = self.godkanda[typer] = len(typer) == len(self.pgtyper) and all(
                _binds(typ, pgtyp) for typ, pgtyp in zip(typer, self.pgtyper, strict=True)
            )
        return svar


def _binds(typ: type, pgtyp: str) -> bool:
    if typ is list:
        return pgtyp.endswith("[]")
    for klass in typ.__mro__:  # Django's SafeString is a str, its Jsonb a Json
        if klass in _TILLATNA:
            tillatna = _TILLATNA[klass]
            return tillatna is None or pgtyp in tillatna
    return False  # a value psycopg2 adapts in a way of its own (a tuple, a range): unchecked


def _numrera(sql: str) -> str | None:
    """Return the statement with psycopg2's `%s` numbered as `$1 …` and `%%` as `%`, or
    None when it has named placeholders or a `$` of its own."""
    if "$" in sql:
        return None
    nummer = 0

    def ersatt(traff: re.Match) -> str:
        nonlocal nummer
        if traff.group() == "%%":
            return "%"
        if traff.group() == "%(":
            raise ValueError
        nummer += 1
        return f"${nummer}"

    try:
        return _PLATSHALLARE.sub(ersatt, sql)
    except ValueError:
        return None


class Anslutning(extensions.connection):
    """A psycopg2 connection that keeps the statements prepared on it (see the module)."""

    def __init__(self, *args, troskel: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.troskel = troskel
        self.forberedda: OrderedDict[str, _Sats] = OrderedDict()
        # Per statement text: the times it was seen, or _ALDRIG, or _DDL_SATS.
        self.raknade: dict[str, int] = {}
        self.nasta_nummer = 0

    def sortera(self, sql: str) -> int:
        """Return what a statement text not seen before is: a candidate (0), DDL or never
        to be prepared."""
        if len(self.raknade) >= MAX_RAKNADE:
            self.raknade.clear()
        borjan = sql.lstrip()[:10].upper()
        if borjan.startswith(_DDL):
            return _DDL_SATS
        return 0 if borjan.startswith(_FORBEREDBARA) else _ALDRIG

    def glom(self, cursor: "Cursor", *, pa_servern: bool = True) -> None:
        """Forget every prepared statement (and deallocate them, when the server can)."""
        if self.forberedda and pa_servern and not self._avbruten():
            extensions.cursor.execute(cursor, "DEALLOCATE ALL")
        self.forberedda.clear()
        self.raknade.clear()

    def _avbruten(self) -> bool:
        return self.info.transaction_status == extensions.TRANSACTION_STATUS_INERROR

    def forbered(self, cursor: "Cursor", sql: str, parametrar) -> "_Sats | None":
        """Prepare the statement on the server, or return None (and never try it again on
        this connection) when it cannot be prepared with its parameters' meaning kept."""
        pgsql = _numrera(sql)
        if pgsql is None or self._avbruten():
            self.raknade[sql] = _ALDRIG
            return None
        if len(self.forberedda) >= MAX_FORBEREDDA:
            _gammal, sats = self.forberedda.popitem(last=False)
            extensions.cursor.execute(cursor, f"DEALLOCATE {sats.namn}")
        self.nasta_nummer += 1
        namn = f"kc_{self.nasta_nummer}"
        # Outside autocommit psycopg2 opens a transaction before the statement, if none is
        # open: a refused PREPARE would abort it, so it goes under a savepoint.
        i_transaktion = not self.autocommit
        forbered = f"PREPARE {namn} AS {pgsql}"
        if i_transaktion:
            forbered = f"SAVEPOINT {_SPARPUNKT}; {forbered}; RELEASE SAVEPOINT {_SPARPUNKT}"
        try:
            extensions.cursor.execute(
                cursor,
                f"{forbered}; SELECT parameter_types::text[] FROM pg_prepared_statements "
                f"WHERE name = '{namn}'",
            )
            (pgtyper,) = extensions.cursor.fetchone(cursor)
        except psycopg2.OperationalError:
            raise  # the connection is gone; Django's error handling takes it from here
        except psycopg2.Error:
            if i_transaktion:
                extensions.cursor.execute(
                    cursor,
                    f"ROLLBACK TO SAVEPOINT {_SPARPUNKT}; RELEASE SAVEPOINT {_SPARPUNKT}",
                )
            self.raknade[sql] = _ALDRIG
            return None
        sats = _Sats(namn, tuple(pgtyper))
        if not sats.passar(parametrar):
            extensions.cursor.execute(cursor, f"DEALLOCATE {namn}")
            self.raknade[sql] = _ALDRIG
            return None
        self.raknade.pop(sql, None)
        self.forberedda[sql] = sats
        return sats


class Cursor(extensions.cursor):
    """A client-side cursor that sends repeated statements as EXECUTE of a prepared one."""

    # The statement as the caller gave it, when it was sent as EXECUTE (for
    # DatabaseOperations.last_executed_query: the SQL a debug log or a test shows).
    kc_fraga: tuple[str, object] | None = None

    def execute(self, query, vars=None):
        self.kc_fraga = None
        anslutning = self.connection
        if self.name is not None or type(query) is not str:
            # A named cursor declares its query on the server itself.
            return super().execute(query, vars)
        sats = anslutning.forberedda.get(query)
        if sats is None:
            sedd = anslutning.raknade.get(query)
            if sedd is None:
                sedd = anslutning.sortera(query)
            if sedd == _DDL_SATS:
                anslutning.glom(self)
            if sedd < 0 or not isinstance(vars, list | tuple):
                anslutning.raknade[query] = sedd
                return super().execute(query, vars)
            if sedd + 1 < anslutning.troskel:
                anslutning.raknade[query] = sedd + 1
                return super().execute(query, vars)
            sats = anslutning.forbered(self, query, vars)
            if sats is None:
                return super().execute(query, vars)
        elif not isinstance(vars, list | tuple) or not sats.passar(vars):
            return super().execute(query, vars)
        else:
            anslutning.forberedda.move_to_end(query)
        self.kc_fraga = (query, vars)
        try:
            return super().execute(sats.exekvera, vars)
        except (errors.InvalidSqlStatementName, errors.FeatureNotSupported):
            # Deallocated behind our back, or "cached plan must not change result type"
            # after a table changed: start over on this connection.
            utanfor = anslutning.info.transaction_status == extensions.TRANSACTION_STATUS_IDLE
            anslutning.glom(self, pa_servern=utanfor)
            if not utanfor:
                raise
            self.kc_fraga = None
            return super().execute(query, vars)
