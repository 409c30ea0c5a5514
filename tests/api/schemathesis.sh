#!/usr/bin/env bash
# Schemathesis, a tool someone else wrote, tries the account server's binary against the API's
# document (docs/openapi.json): generated input for every operation, with every check on (no 5xx;
# each answer's status, headers, content type and body as the document says; bad input refused
# with a 4xx in the error shape; nothing invalid accepted; no operation open without its token), and
# the stateful links (create, read, mark read and unread, remove; preferences read and written
# back). Twice: one process on SQLite, then two processes on one PostgreSQL database behind a
# round-robin proxy, so a sequence's steps land on both.
#
#   tests/api/schemathesis.sh            both (PostgreSQL from $AMOCRM_NOTIFY_TEST_POSTGRES, or a
#                                        throwaway cluster of scripts/postgres)
#   tests/api/schemathesis.sh sqlite     SQLite only
#
# Needs the server built (target/debug) and the Python peers' venv ($AMOCRM_NOTIFY_PYTHON), which
# scripts/tools.sh makes. The stream (GET /v1/stream) never ends, so only its refusals are tried:
# its answers are covered by the server's own suite (server/tests/api.rs).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/amocrm-notify-server"
PY="${AMOCRM_NOTIFY_PYTHON:?run through scripts/test, or set AMOCRM_NOTIFY_PYTHON}"
ST="$(dirname "$PY")/st"
WHICH="${1:-both}"

WORK="$(mktemp -d)"
PIDS=()
PG_OWN=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -z "$PG_OWN" ]] || "$ROOT/scripts/postgres" stop "$PG_OWN" >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_healthy() { # URL LOG
  local i
  for i in $(seq 1 100); do
    if "$PY" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$1/healthz" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "the server at $1 did not start:" >&2
  cat "$2" >&2
  return 1
}

# start_server LABEL DATABASE_URL: starts a process on a free port and sets STARTED to its URL. Not
# called in a command substitution: that subshell's `PIDS+=` would be lost, and cleanup would leave
# the server running.
start_server() {
  local port log
  port="$(free_port)"
  log="$WORK/$1.log"
  # The rate limit raised for the run: schemathesis sends thousands of requests as one person.
  "$BIN" --database-url "$2" serve --listen "127.0.0.1:$port" --rate 100000 --burst 100000 \
    --admin-token "$AMOCRM_NOTIFY_ST_ADMIN_TOKEN" --dev-mail --insecure-push >"$log" 2>&1 &
  PIDS+=($!)
  wait_healthy "http://127.0.0.1:$port" "$log" >&2
  STARTED="http://127.0.0.1:$port"
}

# run LABEL URL: schemathesis against URL; its summary, and the server's errors if it failed.
run() {
  local label="$1" url="$2" status=0
  echo "== schemathesis: $label ($url)"
  # Operations first, then the stream's refusals only (its answers never end).
  SCHEMATHESIS_HOOKS=hooks "$ST" --no-color run "$ROOT/docs/openapi.json" --url "$url" \
    --checks all --exclude-checks positive_data_acceptance --exclude-operation-id open_stream \
    --phases examples,coverage,fuzzing,stateful --max-examples "${AMOCRM_NOTIFY_ST_EXAMPLES:-100}" \
    --seed "${AMOCRM_NOTIFY_ST_SEED:-1}" --workers 1 --request-timeout 15 \
    --report junit --report-junit-path "$WORK/$label.xml" || status=$?
  SCHEMATHESIS_HOOKS=hooks "$ST" --no-color run "$ROOT/docs/openapi.json" --url "$url" \
    --checks all --exclude-checks positive_data_acceptance --include-operation-id open_stream --mode negative \
    --phases coverage,fuzzing --max-examples 20 --seed 1 --request-timeout 5 || status=$?
  if [[ $status != 0 ]]; then
    echo "== the server's log ($label), errors and warnings:" >&2
    grep -h -E "ERROR|WARN|panicked" "$WORK"/*.log | tail -40 >&2 || true
  fi
  return "$status"
}

export AMOCRM_NOTIFY_ST_ACCOUNT="acme"
export AMOCRM_NOTIFY_ST_PERSON="st-person"
export AMOCRM_NOTIFY_ST_ADMIN_TOKEN="st-admin-$RANDOM$RANDOM"
export PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}"
cd "$WORK"

status=0

# One process on SQLite.
sqlite_url="sqlite://$WORK/sqlite.db?mode=rwc"
AMOCRM_NOTIFY_ST_SECRET="$("$BIN" --database-url "$sqlite_url" account add acme)"
export AMOCRM_NOTIFY_ST_SECRET
start_server sqlite "$sqlite_url"
url="$STARTED"
run sqlite "$url" || status=$?

if [[ "$WHICH" != sqlite ]]; then
  # Two processes on one PostgreSQL database, behind a round-robin proxy.
  pg_url="${AMOCRM_NOTIFY_TEST_POSTGRES:-}"
  if [[ -z "$pg_url" ]]; then
    PG_OWN="$WORK/pg"
    pg_url="$("$ROOT/scripts/postgres" start "$PG_OWN")"
  fi
  # A database of its own in the cluster, so other suites' data is not in the way.
  db="st_$RANDOM$RANDOM"
  "$PY" - "$pg_url" "$db" <<'PY'
import sys, subprocess, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
subprocess.run(["psql", "-q", "-h", url.hostname, "-p", str(url.port), "-U", url.username or "postgres",
                "-d", url.path.lstrip("/") or "postgres", "-c", f'CREATE DATABASE "{sys.argv[2]}"'], check=True)
PY
  pg_db_url="${pg_url%/*}/$db"
  AMOCRM_NOTIFY_ST_SECRET="$("$BIN" --database-url "$pg_db_url" account add acme)"
  export AMOCRM_NOTIFY_ST_SECRET
  start_server pg-one "$pg_db_url"
  one="$STARTED"
  start_server pg-two "$pg_db_url"
  two="$STARTED"
  proxy_port="$(free_port)"
  node "$HERE/round-robin.mjs" "$proxy_port" "$one" "$two" >"$WORK/proxy.log" 2>&1 &
  PIDS+=($!)
  wait_healthy "http://127.0.0.1:$proxy_port" "$WORK/proxy.log"
  run postgres-two-processes "http://127.0.0.1:$proxy_port" || status=$?
fi

exit "$status"
