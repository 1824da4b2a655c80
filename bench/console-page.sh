#!/usr/bin/env bash
# The console's API keys page with 10,000 keys in the account (loopback only): the packaged server on a fresh H2
# data directory and on a fresh PostgreSQL schema, KEYS service ID keys made through the API, then ROUNDS timed requests of each of five pages
# (first, middle, last, sorted, searched) after a warm-up. Writes bench/CONSOLE.md. The server is stopped by PID.
#   KEYS [10000]  ROUNDS [200]  PORT [18096]  DBS [h2 postgres]  PGURL [jdbc:postgresql://127.0.0.1:5432/test]
#   BUILD [auto] (auto: build the jars when missing or older than the sources; always; never)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KEYS=${KEYS:-10000}
ROUNDS=${ROUNDS:-200}
PORT=${PORT:-18096}
DBS=${DBS:-h2 postgres}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/latchkey-console-XXXXXX")
SCHEMA="lk_consolebench_$$"
pid=
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { echo "console-page.sh: $*" >&2; exit 1; }
. "$HERE/lib.sh"   # ensure_jars, stop_pid
cleanup() {
  stop_pid "$pid"
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1
  true
}
trap cleanup EXIT
"$ROOT/latchkey" --version >/dev/null   # builds latchkey.jar when it is missing or stale
JAVA=$(command -v java || true)
for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java; do
  [ -x "$j" ] && "$j" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { JAVA=$j; break; }
done
BENCH_JAR=$ROOT/bench/target/latchkey-bench.jar
# the bench jar embeds the app's classes, so it is stale when any module's sources are newer, not only bench/src's
ensure_jars "$ROOT" "$(dirname "$(dirname "$(readlink -f "$JAVA")")")" "$OUT/build.log" app,bench "$ROOT/app/target/latchkey.jar" "$BENCH_JAR"
measure() { # h2 or postgres: start the server on it, seed, time the pages; prints the table rows
  local db=() data="$OUT/data-$1"
  if [ "$1" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $SCHEMA" >/dev/null
    db=(--db-url "$PGURL?currentSchema=$SCHEMA" --db-user postgres)
  fi
  LATCHKEY_ACCESS_LOG=OFF "$JAVA" -jar "$ROOT/app/target/latchkey.jar" serve --port "$PORT" --management-port 0 --data-dir "$data" \
    "${db[@]}" > "$OUT/server-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the server did not start: $OUT/server-$1.log" >&2; exit 1; }
  "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.ConsolePageBench "http://127.0.0.1:$PORT" \
    "$(tr -d '[:space:]' < "$data/admin-apikey.txt")" "$KEYS" "$ROUNDS" 2> "$OUT/bench-$1.log" \
    || { cat "$OUT/bench-$1.log" >&2; exit 1; }
  cat "$OUT/bench-$1.log" >&2
  stop_pid "$pid"; pid=
}
tables=""
for db in $DBS; do
  measure "$db" > "$OUT/rows-$db.md"   # not in a subshell: the EXIT trap must see the server's pid
  rows=$(cat "$OUT/rows-$db.md")
  tables+=$'\n'"### $db"$'\n\n'"| page | requests | median ms | p95 ms | max ms |"$'\n'"|---|---:|---:|---:|---:|"$'\n'"$rows"$'\n'
done
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Console: the API keys page with $KEYS keys"
  echo
  echo "Measured by \`bench/console-page.sh\` on $(date -u +%Y-%m-%d) at commit $(git -C "$ROOT" rev-parse --short HEAD),"
  echo "$(nproc) cores ($cpu). $KEYS service ID keys in one account, listed in the \"All service ID"
  echo "API keys\" view by the account's administrator, 20 rows a page. Times are seen by the client over loopback,"
  echo "one request at a time after 20 warm-up requests, so they include the server's time and bound it from above."
  echo "Target (issue 14): under 100 ms of server time per page."
  echo "$tables"
} > "$HERE/CONSOLE.md"
cat "$HERE/CONSOLE.md"
