"""Demo and load-test data: a kommun's catalogue, staff and ärenden with real histories.

`manage.py seed_demo` is the entry point. The parts:
- `katalog` — förvaltningar, kategorier and the Swedish text templates (from Lekeberg's
  förstudie of a kontaktcenter);
- `namn` — names, places, valid personnummer and organisationsnummer;
- `anvandare` — creates or resets the catalogue rows and the demo users;
- `klocka` — the hour grid in Stockholm time, SLA due times without a calendar call per row;
- `generator` — picks what comes in and plays each ärende's life forward to now;
- `liv` — one ärende's state; each step writes what the matching service writes;
- `skrivare` — writes the rows with COPY, one transaction per batch.
"""
