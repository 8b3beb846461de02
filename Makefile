# Kontaktcenter: `make run` starts the system with demo data, `make test` runs every test.
# Both work on a fresh machine with PostgreSQL and Redis on localhost.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

# Test settings: production-like (DEBUG off) but over plain HTTP on loopback.
TEST_ENV := DJANGO_SETTINGS_MODULE=kontaktcenter.settings \
	SECRET_KEY=test-nyckel-endast-for-testkorningar-0123456789 \
	DEBUG=false ALLOWED_HOSTS=testserver,127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=false STATIC_MANIFEST=false

# Debian packages the tests need (the e-post and browser issues add dovecot-imapd, chromium).
DEBIAN_TESTPAKET := dovecot-imapd chromium

.PHONY: run test lint venv demo clean skarmbilder

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	DEBUG=true $(BIN)/python manage.py skapa_databas
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo

run: demo
	DEBUG=true scripts/kor.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP)
	scripts/installera_testberoenden.sh $(DEBIAN_TESTPAKET)
	$(MAKE) lint
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# The README's screenshots: taken by the browser tests, copied to docs/skarmbilder/ and
# compressed losslessly with optipng when it is installed.
SKARMBILDER := 01-arbetsko:arbetsko 02-arbetsyta:arbetsyta 03-snabbregistrering:snabbregistrering \
	06-handlaggare-svar:handlaggare 07-statistik:statistik 09-kontaktformular:kontaktformular \
	08-vanliga-fragor:vanliga-fragor

skarmbilder: $(STAMP)
	scripts/installera_testberoenden.sh chromium
	$(TEST_ENV) ARTEFAKTER=tests/artefakter $(BIN)/pytest -q tests/webblasare
	mkdir -p docs/skarmbilder
	set -e; for par in $(SKARMBILDER); do cp tests/artefakter/$${par%%:*}.png docs/skarmbilder/$${par##*:}.png; done
	if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all docs/skarmbilder/*.png; fi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
