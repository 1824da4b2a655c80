#!/usr/bin/env bash
# GET /v1/apikeys?scope=account on an account with KEYS API keys (issue #17, "Listing"; decision 0038), on embedded
# H2 and on PostgreSQL: the packaged server on a fresh data directory / a fresh schema, the account's admin makes a
# service ID through the API, then KEYS keys of that service ID are written straight into the database through the
# server's schema (dev.latchkey.bench.ListingLoad: well-formed values, stored as their SHA-256 as the server stores
# them). Then, one request at a time over loopback: a walk along `next` to page DEEP_PAGE (every key checked to come
# once; it also warms the server up), ROUNDS requests of the first page, ROUNDS of that deep page, and for comparison ROUNDS requests of
# the same page by an offset token (the form every listing used before keyset paging). Server time is the server's own
# access line ("... 200 12ms ... trace=..."; whole milliseconds), matched by the Transaction-Id each request sends; curl's
# total time is beside it. The plans come from EXPLAIN ANALYZE of the server's SQL (ListingLoad explain).
# Writes one Markdown section to SECTION and prints its path. Loopback only; every process it starts is stopped by PID.
#
# Knobs (environment):
#   KEYS [100000]  PAGESIZE [100]  DEEP_PAGE [1000] (capped at the last page)  ROUNDS [50]  DBS [h2 postgres]
#   PORT [18100]  PGURL [jdbc:postgresql://127.0.0.1:5432/test]  PGUSER [postgres]  BUILD [auto|always|never]
#   OUT [a fresh mktemp dir under ${TMPDIR:-/tmp}]  SECTION [$OUT/section.md]  JAVA_HOME [found: 21+]
#   TARGET_MS [50]: the target for the first and the deep page's median server time
# Smoke: KEYS=2000 DEEP_PAGE=15 ROUNDS=5 bench/listing.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KEYS=${KEYS:-100000}
PAGESIZE=${PAGESIZE:-100}
DEEP_PAGE=${DEEP_PAGE:-1000}
ROUNDS=${ROUNDS:-50}
DBS=${DBS:-h2 postgres}
PORT=${PORT:-18100}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}
PGUSER=${PGUSER:-postgres}
BUILD=${BUILD:-auto}
TARGET_MS=${TARGET_MS:-50}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/latchkey-listing-XXXXXX")}
mkdir -p "$OUT"
SECTION=${SECTION:-$OUT/section.md}
SCHEMA="lk_listing_bench_$$"
APP_JAR=$ROOT/app/target/latchkey.jar
BENCH_JAR=$ROOT/bench/target/latchkey-bench.jar
BASE="http://127.0.0.1:$PORT"
pid=
schema_made=

die() { echo "listing.sh: $*" >&2; exit 1; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
psql_pg() { # psql on PGURL's host, port and database
  local hostdb=${PGURL#jdbc:postgresql://}; hostdb=${hostdb%%\?*}
  local hostport=${hostdb%%/*} db=${hostdb#*/}
  PGOPTIONS='--client-min-messages=warning' psql -h "${hostport%%:*}" -p "$( [ "$hostport" != "${hostport#*:}" ] && echo "${hostport#*:}" || echo 5432)" \
    -U "$PGUSER" -d "$db" -v ON_ERROR_STOP=1 -q "$@"
}
. "$HERE/lib.sh"   # find_jdk, ensure_jars, stop_pid, proc_ticks
stop_server() { stop_pid "$pid"; pid=; }
cleanup() {
  stop_server
  [ -n "$schema_made" ] && psql_pg -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

JDK=$(find_jdk) || die "no JDK 21 or newer found (set JAVA_HOME)"
JAVA=$JDK/bin/java
for t in curl jq; do command -v "$t" >/dev/null || die "$t is needed"; done
ensure_jars "$ROOT" "$JDK" "$OUT/build.log" app,bench "$APP_JAR" "$BENCH_JAR"

start_server() { # db data-dir
  local db_args=()
  [ "$1" = postgres ] && db_args=(--db-url "$PGURL$( [[ "$PGURL" == *\?* ]] && echo '&' || echo '?')currentSchema=$SCHEMA" --db-user "$PGUSER")
  "$JAVA" @"$ROOT/app/jvm.options" -jar "$APP_JAR" serve --port "$PORT" --management-port 0 --data-dir "$2" "${db_args[@]}" \
    >> "$OUT/server-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf "$BASE/health" >/dev/null 2>&1 && return 0; kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  die "the server did not start (see $OUT/server-$1.log)"
}
get() { # label n url: one request, its Transaction-Id lkb-<label>-<n>; prints curl's total seconds, body to $OUT/body.json
  curl -s -o "$OUT/body.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
    -H "Transaction-Id: lkb-$1-$2" "$3" > "$OUT/curl.txt"
  read -r code secs < "$OUT/curl.txt"
  [ "$code" = 200 ] || die "GET $3 answered $code: $(head -c 300 "$OUT/body.json")"
  echo "$secs" >> "$OUT/curl-$DB-$1.txt"
}
rounds() { # label url: ROUNDS requests after 3 warm-up ones; server CPU per request to $OUT/cpu-$DB-label
  local i t0 t1
  for i in 1 2 3; do get "warm$1" "$i" "$2"; done
  : > "$OUT/curl-$DB-$1.txt"
  t0=$(proc_ticks "$pid")
  for i in $(seq 1 "$ROUNDS"); do get "$1" "$i" "$2"; done
  t1=$(proc_ticks "$pid")
  awk -v d=$((t1 - t0)) -v n="$ROUNDS" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", d * 1000 / hz / n}' > "$OUT/cpu-$DB-$1.txt"
}
stats() { # file of numbers (scale): median and max
  sort -g "$1" | awk -v s="$2" '{v[NR]=$1*s} END{if(NR==0){print "- -"; exit} m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.1f %.1f\n", m, v[NR]}'
}
server_ms() { # label: the server's times of its requests, from the access lines
  grep -oE " [0-9]+ms client=[^ ]* trace=lkb-$1-[0-9]+\$" "$OUT/server-$DB.log" | awk '{sub(/ms$/,"",$1); print $1}' \
    > "$OUT/server-$DB-$1.txt" || true
}

measure() { # DB: one database, start to stop; appends rows to $OUT/rows.md and plans to $OUT/plans-DB.txt
  local data="$OUT/data-$DB" key account sid deep_url walk_start walk_s offset_token url n dupes
  rm -rf "$data"
  if [ "$DB" = postgres ]; then
    psql_pg -c "CREATE SCHEMA $SCHEMA" >/dev/null || die "cannot create schema $SCHEMA at $PGURL"
    schema_made=1
  fi
  log "$DB: starting the server"
  start_server "$DB" "$data"
  key=$(tr -d '[:space:]' < "$data/admin-apikey.txt")
  TOKEN=$(curl -sf "$BASE/identity/token" -d grant_type=urn:ibm:params:oauth:grant-type:apikey \
    --data-urlencode "apikey=$key" | jq -r .access_token)
  account=$(cut -d. -f2 <<<"$TOKEN" | tr '_-' '/+' | { base64 -d 2>/dev/null || true; } | jq -r .account.bss)
  local me; me=$(cut -d. -f2 <<<"$TOKEN" | tr '_-' '/+' | { base64 -d 2>/dev/null || true; } | jq -r .iam_id)
  sid=$(curl -sf "$BASE/v1/serviceids" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"listing-bench\",\"account_id\":\"$account\"}" | jq -r .iam_id)
  [ -n "$sid" ] && [ "$sid" != null ] || die "could not make the service ID"
  local target=$data jdbc_user=""
  if [ "$DB" = postgres ]; then
    target="$PGURL$( [[ "$PGURL" == *\?* ]] && echo '&' || echo '?')currentSchema=$SCHEMA"; jdbc_user=$PGUSER
  else
    stop_server   # the embedded database is the server's alone while it runs
  fi
  log "$DB: writing $KEYS keys of $sid into account $account"
  "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.ListingLoad load "$target" "$jdbc_user" "$account" "$sid" "$me" "$KEYS" \
    > "$OUT/load-$DB.txt" 2>&1 || { tail -20 "$OUT/load-$DB.txt" >&2; die "loading failed"; }
  [ -n "$pid" ] || start_server "$DB" "$data"

  url="$BASE/v1/apikeys?scope=account&pagesize=$PAGESIZE"
  log "$DB: walking next to page $DEEP_PAGE (which also warms the server up)"
  : > "$OUT/walk-ids-$DB.txt"
  get walk 1 "$url"; jq -r '.apikeys[].id' "$OUT/body.json" >> "$OUT/walk-ids-$DB.txt"
  walk_start=$(date +%s.%N); n=1
  while [ "$n" -lt "$DEEP_PAGE" ] && jq -e 'has("next")' "$OUT/body.json" >/dev/null; do
    deep_url=$(jq -r .next "$OUT/body.json")
    n=$((n + 1)); get walk "$n" "$deep_url"
    jq -r '.apikeys[].id' "$OUT/body.json" >> "$OUT/walk-ids-$DB.txt"
  done
  walk_s=$(awk -v a="$walk_start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b - a}')
  local deep_offset; deep_offset=$(jq -r .offset "$OUT/body.json")
  dupes=$(sort "$OUT/walk-ids-$DB.txt" | uniq -d | wc -l)
  echo "$DB: the walk read $n pages ($(wc -l < "$OUT/walk-ids-$DB.txt") keys, $dupes seen twice) in ${walk_s} s; page $n starts at offset $deep_offset" \
    >> "$OUT/facts.txt"
  [ "$n" -gt 1 ] || deep_url=$url
  log "$DB: first page x $ROUNDS"
  rounds first "$url"
  log "$DB: page $n (offset $deep_offset) by position x $ROUNDS"
  rounds deep "$deep_url"
  offset_token=$(printf 'o:%s' "$deep_offset" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  log "$DB: the same page by an offset token x $ROUNDS"
  rounds offset "$url&pagetoken=$offset_token"
  stop_server   # also writes the last access lines
  for label in first deep offset; do
    server_ms "$label"
    read -r sm sx < <(stats "$OUT/server-$DB-$label.txt" 1)
    read -r cm cx < <(stats "$OUT/curl-$DB-$label.txt" 1000)
    local what verdict="—"
    case $label in
      first) what="first page" ;;
      deep) what="page $n (offset $deep_offset), by position (\`next\`)" ;;
      offset) what="page $n (offset $deep_offset), by offset token (before 0038; comparison)" ;;
    esac
    if [ "$label" != offset ]; then
      if [ "$sm" = - ]; then verdict="missed (no access lines)"
      elif awk -v m="$sm" -v t="$TARGET_MS" 'BEGIN{exit !(m < t)}'; then verdict="met (median ${sm} ms < $TARGET_MS ms)"
      else verdict="missed (median ${sm} ms ≥ $TARGET_MS ms)"; fi
    fi
    echo "| $DB | $what | $(wc -l < "$OUT/server-$DB-$label.txt") | $sm | $sx | $cm | $cx | $(cat "$OUT/cpu-$DB-$label.txt") | $verdict |" >> "$OUT/rows.md"
  done
  log "$DB: plans"
  "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.ListingLoad explain "$target" "$jdbc_user" "$account" "$PAGESIZE" \
    "$((deep_offset > 0 ? deep_offset - 1 : 0))" > "$OUT/plans-$DB.txt" 2>&1 || echo "(explain failed: see $OUT/plans-$DB.txt)" >> "$OUT/facts.txt"
  if [ "$DB" = postgres ]; then psql_pg -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null; schema_made=; fi
}

: > "$OUT/rows.md"; : > "$OUT/facts.txt"
for DB in $DBS; do
  case $DB in h2|postgres) ;; *) die "DBS holds h2 and/or postgres, not $DB" ;; esac
  measure
done

smoke=""
[ "$KEYS" -lt 100000 ] || [ "$ROUNDS" -lt 50 ] && smoke=" (smoke run, not a measurement)"
{
  echo "#### Listing: GET /v1/apikeys?scope=account on $KEYS keys$smoke"
  echo
  echo "\`bench/listing.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "host $(host_line). Settings: KEYS=$KEYS PAGESIZE=$PAGESIZE" \
    "DEEP_PAGE=$DEEP_PAGE ROUNDS=$ROUNDS DBS=\"$DBS\"; embedded H2 on a fresh data directory, PostgreSQL on a fresh schema;" \
    "the keys belong to one service ID of the admin's account, written straight into the database (well-formed values," \
    "SHA-256 stored), creation times 1 ms apart with every tenth tied. One request at a time over loopback after 3 warm-up" \
    "requests; the server's time is its access line's (whole milliseconds), curl's is the client's total."
  echo
  echo "| database | page | requests | server median ms | server max ms | curl median ms | curl max ms | server CPU ms/request | target: < $TARGET_MS ms server time |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
  cat "$OUT/rows.md"
  echo
  echo "Facts:"
  echo
  sed 's/^/- /' "$OUT/facts.txt"
  for DB in $DBS; do
    echo
    echo "Plans on $DB (EXPLAIN ANALYZE of the server's statement, default order: created_at, then id):"
    echo
    echo '```'
    cat "$OUT/plans-$DB.txt"
    echo '```'
  done
} > "$SECTION"
echo "$SECTION"
