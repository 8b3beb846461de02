#!/usr/bin/env bash
# Run the web server, a Celery worker and Celery beat together in the foreground.
# Ctrl-C (or any of the three exiting) stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

pids=()
stoppa() {
    trap - INT TERM EXIT
    echo
    echo "Stoppar webbserver, worker och beat ..."
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stoppa INT TERM EXIT

# The Platina simulator stands in for the municipality's Platina; the bridge is pointed at it.
PLATINA_SIMULATOR_PORT="${PLATINA_SIMULATOR_PORT:-8085}"
export PLATINA_URL="http://127.0.0.1:${PLATINA_SIMULATOR_PORT}"
$BIN/python manage.py platina_simulator --port "$PLATINA_SIMULATOR_PORT" --tyst &
pids+=($!)

$BIN/python manage.py runserver 127.0.0.1:8000 &
pids+=($!)
$BIN/celery -A kontaktcenter worker --queues default,epost,platina --concurrency 2 --loglevel INFO &
pids+=($!)
$BIN/celery -A kontaktcenter beat --loglevel INFO --schedule "${TMPDIR:-/tmp}/kontaktcenter-beat-schedule" &
pids+=($!)

echo "Kontaktcenter körs på http://127.0.0.1:8000 (Ctrl-C stoppar allt)."
echo "Platina-simulatorn körs på $PLATINA_URL (felinjicering: se platina_bridge/README.md)."
# Stop everything as soon as one of the three dies, so nothing runs half-started.
wait -n "${pids[@]}"
