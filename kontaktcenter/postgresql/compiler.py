"""Django's PostgreSQL compilers, and one that runs SQL compiled before (kompilerade.py)."""

from django.db.backends.postgresql.compiler import (
    SQLAggregateCompiler,
    SQLCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

__all__ = [
    "FardigSQLCompiler",
    "SQLAggregateCompiler",
    "SQLCompiler",
    "SQLDeleteCompiler",
    "SQLInsertCompiler",
    "SQLUpdateCompiler",
]


class FardigSQLCompiler(SQLCompiler):
    """A compiler whose SQL, parameters and column layout are given (`query.kc_fardig`):
    what `as_sql()` would have produced for this query, without producing it again."""

    def as_sql(self, with_limits=True, with_col_aliases=False):
        fardig, parametrar = self.query.kc_fardig
        self.select, self.klass_info, self.annotation_col_map = fardig.utformning
        self.col_count = len(self.select)
        self.has_extra_select = fardig.har_extra_select
        return fardig.sql, parametrar
