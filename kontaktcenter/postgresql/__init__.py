"""Django's PostgreSQL backend with a health check that costs no round trip and server-side
prepared statements (see base.py and forberedda.py)."""
