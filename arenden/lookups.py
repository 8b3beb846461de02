"""`__innehaller`: a case-insensitive substring match that PostgreSQL's trigram index serves.

Django's `icontains` compiles to `UPPER(col) LIKE UPPER(%s)`, which a gin_trgm_ops index on the
plain column cannot use; this lookup compiles to `col ILIKE %s`, which it can.
"""

from django.db.models import CharField, Lookup, TextField


class Innehaller(Lookup):
    lookup_name = "innehaller"

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        escaped = [
            "%" + str(p).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for p in params
        ]
        return sql, escaped

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def registrera() -> None:
    CharField.register_lookup(Innehaller)
    TextField.register_lookup(Innehaller)
