#!/usr/bin/env bash
# Browser tests (Playwright driving Debian's Chromium) against the real server, first on PGlite,
# then on PostgreSQL in a database of their own. Writes one Vitest JSON report to
# .tmp/e2e-results.json (both runs merged) and screenshots under test-results/.
# Usage: bash tests/e2e/run.sh [postgres://user@host:port/any-db]
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp test-results
PG_URL="${1:-}"

if [ ! -f web/dist/index.html ] || [ ! -f dist/cli/main.js ]; then npm run build || exit 1; fi

run_once() { # $1 = label, $2 = database URL or empty
  local out=".tmp/e2e-$1.json"
  rm -f "$out"
  echo "--- browser tests on $1 ---"
  E2E_DATABASE_URL="$2" E2E_LABEL="$1" npx vitest run --config tests/e2e/vitest.e2e.config.ts \
    --reporter=default --reporter=json --outputFile="$out"
}

run_once pglite ""
rc_pglite=$?

rc_pg=0
if [ -n "$PG_URL" ]; then
  db="liionsden_e2e_$$"
  server_url="${PG_URL%/*}"
  if psql "$server_url/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" && psql "$server_url/postgres" -qc "CREATE DATABASE $db"; then
    run_once postgres "$server_url/$db"
    rc_pg=$?
    psql "$server_url/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  else
    echo "could not create database $db on $server_url"
    rc_pg=1
  fi
fi

node tests/e2e/merge-reports.mjs .tmp/e2e-results.json .tmp/e2e-pglite.json ${PG_URL:+.tmp/e2e-postgres.json}
rc_merge=$?
[ $rc_pglite -eq 0 ] && [ $rc_pg -eq 0 ] && [ $rc_merge -eq 0 ]
