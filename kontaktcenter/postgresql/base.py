"""Django's PostgreSQL backend, with a health check that needs no round trip and with
server-side prepared statements (forberedda.py).

With CONN_HEALTH_CHECKS Django asks a persistent connection `SELECT 1` before the first
query of every request: under load that was one round trip in eight, and 3.6 % of a
worker's time. A connection the server has closed (a restart, pg_terminate_backend, an
idle timeout) has the server's last message or the end of the stream waiting on its
socket, so a connection that is idle with nothing to read is in use as before, and only
one with something waiting (or in an unexpected state) is asked `SELECT 1` as Django
does. A connection cut off without a word (a dead network) is found by neither check
before its next query fails.
"""

import functools
import select

from django.db.backends.postgresql import base, operations
from psycopg2 import extensions

from kontaktcenter.postgresql import forberedda


class DatabaseOperations(operations.DatabaseOperations):
    # Django's compilers, and one that runs SQL compiled before (kompilerade.py).
    compiler_module = "kontaktcenter.postgresql.compiler"

    def last_executed_query(self, cursor, sql, params):
        # A statement sent as EXECUTE of a prepared one is shown as the caller wrote it.
        if getattr(cursor, "kc_fraga", None) is not None:
            return cursor.mogrify(*cursor.kc_fraga).decode()
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self):
        params = super().get_connection_params()
        # DATABASES[...]["PREPARE_THRESHOLD"]: the execution of a statement at which it is
        # prepared on its connection; 0 (or missing) leaves psycopg2 as it is.
        if troskel := self.settings_dict.get("PREPARE_THRESHOLD"):
            params["connection_factory"] = functools.partial(forberedda.Anslutning, troskel=troskel)
            params["cursor_factory"] = forberedda.Cursor
        return params

    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        if self.connection.info.transaction_status != extensions.TRANSACTION_STATUS_IDLE:
            return super().is_usable()
        try:
            vantande = select.poll()
            vantande.register(self.connection.fileno(), select.POLLIN | select.POLLPRI)
            har_data = bool(vantande.poll(0))
        except (OSError, ValueError):
            return False
        return super().is_usable() if har_data else True
