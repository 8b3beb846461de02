#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when they are missing.
# The tests use PostgreSQL and Redis (already on the machine); the e-post and browser
# tests add their servers here (dovecot-imapd, chromium) as those issues land.
set -euo pipefail
paket=()
for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || paket+=("$p")
done
if [ ${#paket[@]} -gt 0 ]; then
    echo "Installerar Debianpaket: ${paket[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${paket[@]}"
fi
