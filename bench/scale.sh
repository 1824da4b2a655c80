#!/usr/bin/env bash
# A million keys on PostgreSQL (issue #17, "at scale"), loopback only.
#
# 1. Creates a fresh PostgreSQL schema, starts Latchkey on it once (it migrates the schema and makes its first
#    account, admin user and admin key), stops it, and bulk-loads ACCOUNTS accounts, each with an owner user
#    holding KEYS_PER_IDENTITY user API keys and SERVICE_IDS service IDs holding KEYS_PER_IDENTITY keys each
#    (10,000 x (1 + 4) x 20 = 1,000,000 keys), with dev.latchkey.bench.ScaleLoad: the product's own stores for
#    accounts, users, memberships, service IDs and policies, PostgreSQL COPY for keys and their history, core's key
#    format and hashing. The plain key values go to $OUT/keys.txt (mode 0600); HOT of them, spread evenly over
#    the file, to $OUT/hot.txt.
# 2. Starts Latchkey on that schema (shipped defaults) and, beside it, Latchkey on a fresh H2 data directory with
#    20 keys (bench/run.sh's reference: the admin key and 19 more for the admin), and measures with wrk
#    (wrk/scale.lua: a key drawn uniformly at random per request) each of
#      token    POST /identity/token        PG over all keys, PG over the hot set, H2 over its 20 keys
#      details  GET /v1/apikeys/details      the same three, one bearer token per server (any caller who holds a
#                                            key's value may read its details, so every draw answers 200)
#    interleaved (H2, PG uniform, PG hot, H2, ...) after one warm-up of each, so the ratios PG/H2 are taken in
#    the same minutes. Per run: req/s, p50/p99/p99.9, the server's CPU, PostgreSQL's CPU (utime+stime of every
#    postgres process, from /proc), the token path's caches (hits and misses from the management port's
#    /metrics before and after), PostgreSQL's index scans and transactions per request and the key activity rows
#    inserted per request (pg_stat_*). After each round of the first test, the key lookup alone
#    (dev.latchkey.bench.LookupRate, both nodes idle): what one miss costs the machine, from which the section
#    estimates the ceiling of a uniform draw on these cores.
# 3. Writes one Markdown section to $SECTION (default $OUT/section.md) and prints its path.
#
# Every wrk run is -d bounded and wrapped in timeout; every wait loop has a cap; every process started here is
# stopped by its PID on exit (trap), and the schema is dropped unless KEEP=1. Raw outputs stay in $OUT.
#
# Env knobs (defaults in brackets):
#   ACCOUNTS [10000]  SERVICE_IDS [4] (per account)  KEYS_PER_IDENTITY [20] (at most 20)  HOT [1000]
#   THREADS [2]  CONNS [16]  WARMUP [30]  DURATION [20]  REPEAT [3]  TESTS ["token details"]  ALG [RS256]
#   PORT [18110]  MGMT_PORT [19110] (the PostgreSQL node)  H2_PORT [18111]  H2_MGMT_PORT [19111] (the H2 node)
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGDATABASE [test]  PGUSER [postgres]  SCHEMA [lk_scale_<pid>]
#   KEEP [0] (1: keep the schema, its keys file and master key in $OUT, and print how to measure it again)
#   REUSE [] (an earlier KEEP=1 run's OUT: measure its schema again instead of loading one; implies KEEP=1)
#   SERVE_ARGS [] (extra `serve` options for both nodes, e.g. "--cache-max-entries 1000000")  SERVER_JAVA_OPTS []
#   ACCESS_LOG [INFO] (the nodes' per-request log line, on as shipped and written to a file in $OUT; OFF drops it)
#   BUILD [auto] (auto: build the jars when missing or older than the sources; always; never)
#   APP_JAR [app/target/latchkey.jar] (another build of the server to measure, e.g. an earlier commit's, with BUILD=never)
#   OUT [${TMPDIR:-/tmp}/latchkey-scale/<time>]  SECTION [$OUT/section.md]  JAVA_HOME [a JDK 21+ found]
# Smoke run (about 4 minutes): ACCOUNTS=200 WARMUP=5 DURATION=5 REPEAT=1 bench/scale.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ACCOUNTS=${ACCOUNTS:-10000}
SERVICE_IDS=${SERVICE_IDS:-4}
KEYS_PER_IDENTITY=${KEYS_PER_IDENTITY:-20}
HOT=${HOT:-1000}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-20}
REPEAT=${REPEAT:-3}
TESTS=${TESTS:-"token details"}
ALG=${ALG:-RS256}
PORT=${PORT:-18110}
MGMT_PORT=${MGMT_PORT:-19110}
H2_PORT=${H2_PORT:-18111}
H2_MGMT_PORT=${H2_MGMT_PORT:-19111}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGDATABASE=${PGDATABASE:-test}
PGUSER=${PGUSER:-postgres}
REUSE=${REUSE:-}
KEEP=${KEEP:-$([ -n "$REUSE" ] && echo 1 || echo 0)}
SERVE_ARGS=${SERVE_ARGS:-}
ACCESS_LOG=${ACCESS_LOG:-INFO}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
BUILD=${BUILD:-auto}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
OUT=${OUT:-$(mkdir -p "${TMPDIR:-/tmp}/latchkey-scale" && mktemp -d "${TMPDIR:-/tmp}/latchkey-scale/$STAMP-XXXX")}
SECTION=${SECTION:-$OUT/section.md}
APP_JAR=${APP_JAR:-$ROOT/app/target/latchkey.jar}
BENCH_JAR=$ROOT/bench/target/latchkey-bench.jar
LUA=$HERE/wrk
CLK_TCK=$(getconf CLK_TCK)
GRANT=urn:ibm:params:oauth:grant-type:apikey
export PGHOST PGPORT PGDATABASE PGUSER

for v in ACCOUNTS SERVICE_IDS KEYS_PER_IDENTITY HOT THREADS CONNS WARMUP DURATION REPEAT PORT MGMT_PORT H2_PORT H2_MGMT_PORT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "scale.sh: $v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$KEYS_PER_IDENTITY" -ge 1 ] && [ "$KEYS_PER_IDENTITY" -le 20 ] || { echo "scale.sh: KEYS_PER_IDENTITY must be 1 to 20 (IBM's limit per user)" >&2; exit 2; }
[ "$REPEAT" -ge 1 ] && [ "$DURATION" -ge 1 ] && [ "$ACCOUNTS" -ge 1 ] || { echo "scale.sh: REPEAT, DURATION and ACCOUNTS must be >= 1" >&2; exit 2; }
for t in $TESTS; do case $t in token|details) ;; *) echo "scale.sh: TESTS may hold token and details only" >&2; exit 2 ;; esac; done
mkdir -p "$OUT"; chmod 700 "$OUT"

trap '' PIPE
log() { local m; m="[$(date +%T)] $*"; printf '%s\n' "$m" >> "$OUT/run.log"; printf '%s\n' "$m" >&2 || true; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes we start (stopped by PID)
PG_PID=""; H2_PID=""; CHILD_PID=""; SCHEMA_MADE=""
. "$HERE/lib.sh"   # find_jdk, ensure_jars, stop_pid, proc_ticks, pg_ticks, pg_used
cleanup() {
  stop_pid "$CHILD_PID" "child process"; CHILD_PID=""
  stop_pid "$PG_PID" "Latchkey on PostgreSQL"; PG_PID=""
  stop_pid "$H2_PID" "Latchkey on H2"; H2_PID=""
  if [ -n "$SCHEMA_MADE" ] && [ "$KEEP" != 1 ]; then
    psql -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    rm -f "$OUT/keys.txt" "$OUT/hot.txt" "$OUT/master.key"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
run_child() { "$@" & CHILD_PID=$!; local rc=0; wait "$CHILD_PID" || rc=$?; CHILD_PID=""; return "$rc"; }

# ---------------------------------------------------------------- tools, JDK, jars (as bench/run.sh)
for t in wrk curl jq psql timeout; do command -v "$t" >/dev/null || die "missing $t"; done
JDK=$(find_jdk) || die "no JDK 21+ found (set JAVA_HOME)"
JAVA=$JDK/bin/java
ensure_jars "$ROOT" "$JDK" "$OUT/build.log" app,bench "$APP_JAR" "$BENCH_JAR"
psql -qAtc "SELECT 1" >/dev/null 2>&1 || die "PostgreSQL does not answer at $PGHOST:$PGPORT/$PGDATABASE as $PGUSER"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
log "OUT=$OUT commit=$COMMIT"

# ---------------------------------------------------------------- servers
port_free() { ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }
wait_ready() { # wait_ready <pid> <port> <log>: bounded (<= 120 s)
  local i code=000
  for i in $(seq 1 600); do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$2/health" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$1" 2>/dev/null || { tail -30 "$3" >&2; die "the server on port $2 exited during start-up (see $3)"; }
    sleep 0.2
  done
  tail -30 "$3" >&2; die "no 200 from port $2 within 120 s"
}
# serve <port> <mgmt port> <data dir> <log> [--db-url ...]: starts Latchkey in the background; sets SERVED_PID
serve() {
  local port=$1 mgmt=$2 data=$3 logf=$4; shift 4
  port_free "$port" || die "something already listens on 127.0.0.1:$port"
  # shellcheck disable=SC2086
  env -u LATCHKEY_DB_URL -u LATCHKEY_DB_USER -u LATCHKEY_DB_PASSWORD LATCHKEY_MASTER_KEY="$MASTER_KEY" \
    LATCHKEY_ACCESS_LOG="$ACCESS_LOG" "$JAVA" @"$ROOT/app/jvm.options" $SERVER_JAVA_OPTS -jar "$APP_JAR" serve --host 127.0.0.1 --port "$port" \
    --management-port "$mgmt" --data-dir "$data" --token-alg "$ALG" $SERVE_ARGS "$@" >> "$logf" 2>&1 < /dev/null &
  SERVED_PID=$!
  wait_ready "$SERVED_PID" "$port" "$logf"
}
token_for() { # token_for <key> <port>
  curl -sf --max-time 10 -H 'Accept: application/json' --data-urlencode "grant_type=$GRANT" \
    --data-urlencode "apikey=$1" "http://127.0.0.1:$2/identity/token" | jq -r .access_token
}

# ---------------------------------------------------------------- 1. the schema and its keys
KEYS=$OUT/keys.txt; HOTKEYS=$OUT/hot.txt
if [ -n "$REUSE" ]; then
  [ -f "$REUSE/scale.env" ] && [ -f "$REUSE/keys.txt" ] && [ -f "$REUSE/master.key" ] || die "REUSE=$REUSE holds no scale.env, keys.txt and master.key"
  # shellcheck disable=SC1091
  . "$REUSE/scale.env"
  KEYS=$REUSE/keys.txt; HOTKEYS=$REUSE/hot.txt; MASTER_KEY=$(cat "$REUSE/master.key"); PG_DATA=$REUSE/data-pg
  log "reusing schema $SCHEMA ($LOADED_KEYS keys, loaded in ${LOAD_S} s) from $REUSE"
else
  SCHEMA=${SCHEMA:-lk_scale_$$}
  [[ "$SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]] || die "SCHEMA must be a plain lower-case identifier"
  psql -qc "CREATE SCHEMA $SCHEMA" >/dev/null || die "cannot create schema $SCHEMA (does it exist already?)"
  SCHEMA_MADE=1
  MASTER_KEY=$(head -c 32 /dev/urandom | base64)
  (umask 077; printf '%s\n' "$MASTER_KEY" > "$OUT/master.key")
  PG_DATA=$OUT/data-pg
  log "migrating $SCHEMA: one start of Latchkey on it"
  serve "$PORT" 0 "$PG_DATA" "$OUT/latchkey-pg.log" --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" --db-user "$PGUSER"
  PG_PID=$SERVED_PID; stop_pid "$PG_PID" "Latchkey (migration)"; PG_PID=""
  log "loading $ACCOUNTS accounts x (1 user + $SERVICE_IDS service IDs) x $KEYS_PER_IDENTITY keys with ScaleLoad"
  run_child "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.ScaleLoad \
    "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" "$PGUSER" "$KEYS" "$ACCOUNTS" "$SERVICE_IDS" \
    "$KEYS_PER_IDENTITY" > "$OUT/load.txt" 2> "$OUT/load.log" || { tail -20 "$OUT/load.log" >&2; die "ScaleLoad failed"; }
  LOAD_LINE=$(grep '^RESULT' "$OUT/load.txt")
  LOAD_S=$(sed -n 's/.* load_s=\([0-9.]*\).*/\1/p' <<< "$LOAD_LINE")
  LOADED_KEYS=$(sed -n 's/.* keys=\([0-9]*\).*/\1/p' <<< "$LOAD_LINE")
  total=$(grep -c . "$KEYS")
  step=$(( total / HOT )); [ "$step" -ge 1 ] || step=1
  # One key from each stretch of $step lines, at an offset that moves by 37 lines each time, so the hot set
  # mixes user and service ID keys as the whole file does (a fixed stride could be a multiple of an account's 100).
  (umask 077; awk -v s="$step" -v h="$HOT" 'NR == want && n < h {print; n++; want = n * s + 1 + (n * 37) % s} BEGIN {want = 1}' "$KEYS" > "$HOTKEYS")
  printf 'SCHEMA=%s\nLOAD_S=%s\nLOADED_KEYS=%s\nLOAD_LINE="%s"\nACCOUNTS=%s\nSERVICE_IDS=%s\nKEYS_PER_IDENTITY=%s\n' \
    "$SCHEMA" "$LOAD_S" "$LOADED_KEYS" "$LOAD_LINE" "$ACCOUNTS" "$SERVICE_IDS" "$KEYS_PER_IDENTITY" > "$OUT/scale.env"
  log "loaded: $LOAD_LINE"
fi
chmod 600 "$KEYS" "$HOTKEYS"
DB_ROWS=$(psql -qAtc "SELECT (SELECT count(*) FROM $SCHEMA.api_keys) || ' keys, ' || (SELECT count(*) FROM $SCHEMA.accounts)
  || ' accounts, ' || (SELECT count(*) FROM $SCHEMA.service_ids) || ' service IDs, ' || (SELECT count(*) FROM $SCHEMA.users) || ' users'")
DB_SIZE=$(psql -qAtc "SELECT pg_size_pretty(pg_total_relation_size('$SCHEMA.api_keys'))")

# ---------------------------------------------------------------- 2. the two nodes
log "starting Latchkey on $SCHEMA (port $PORT, management $MGMT_PORT) and on a fresh H2 data directory (port $H2_PORT)"
mkdir -p "$PG_DATA"
serve "$PORT" "$MGMT_PORT" "$PG_DATA" "$OUT/latchkey-pg.log" --db-url "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" --db-user "$PGUSER"
PG_PID=$SERVED_PID
H2_DATA=$(mktemp -d "$OUT/data-h2-XXXX")
serve "$H2_PORT" "$H2_MGMT_PORT" "$H2_DATA" "$OUT/latchkey-h2.log"
H2_PID=$SERVED_PID

# The PostgreSQL node's admin key was written on the migration start; the H2 node gets bench/run.sh's 20 keys.
PG_ADMIN=$(tr -d '[:space:]' < "$PG_DATA/admin-apikey.txt")
PG_TOKEN=$(token_for "$PG_ADMIN" "$PORT"); [ -n "$PG_TOKEN" ] && [ "$PG_TOKEN" != null ] || die "no token from the PostgreSQL node"
H2KEYS=$OUT/h2-keys.txt
H2_ADMIN=$(tr -d '[:space:]' < "$H2_DATA/admin-apikey.txt")
H2_TOKEN=$(token_for "$H2_ADMIN" "$H2_PORT"); [ -n "$H2_TOKEN" ] && [ "$H2_TOKEN" != null ] || die "no token from the H2 node"
h2_iam=$(curl -sf --max-time 10 -H "Authorization: Bearer $H2_TOKEN" "http://127.0.0.1:$H2_PORT/v1/apikeys" | jq -r '.apikeys[0].iam_id')
(umask 077; printf '%s\n' "$H2_ADMIN" > "$H2KEYS")
for i in $(seq 1 19); do
  curl -sf --max-time 10 -H "Authorization: Bearer $H2_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-$i\",\"iam_id\":\"$h2_iam\"}" "http://127.0.0.1:$H2_PORT/v1/apikeys" | jq -r .apikey >> "$H2KEYS"
done
[ "$(grep -c '^lk_' "$H2KEYS")" = 20 ] || die "expected 20 keys in $H2KEYS"

# A loaded key of each kind answers as one made through the API would: a token, its details, its account's list.
user_key=$(head -1 "$KEYS"); sid_key=$(sed -n "$(( KEYS_PER_IDENTITY + 1 ))p" "$KEYS")
for k in "$user_key" "$sid_key"; do
  tok=$(token_for "$k" "$PORT"); [ -n "$tok" ] && [ "$tok" != null ] || die "a loaded key got no token"
  code=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' -H "Authorization: Bearer $PG_TOKEN" -H "IAM-ApiKey: $k" "http://127.0.0.1:$PORT/v1/apikeys/details")
  [ "$code" = 200 ] || die "details of a loaded key: HTTP $code"
done
listed=$(curl -s --max-time 10 -H "Authorization: Bearer $(token_for "$user_key" "$PORT")" \
  "http://127.0.0.1:$PORT/v1/apikeys?scope=account&pagesize=100" | jq '.apikeys | length' 2>/dev/null || echo "no")
log "a loaded account lists $listed keys through the API (scope=account, pagesize=100)"

# ---------------------------------------------------------------- measuring
sys_ticks() { awk '/^cpu /{t=0; for(i=2;i<=9;i++) t+=$i; print t, $5+$6; exit}' /proc/stat; }
# cache_counts <mgmt port>: "hits misses" of the api_keys cache and of all the token path's caches together
cache_counts() {
  curl -s --max-time 10 "http://127.0.0.1:$1/metrics" | awk '
    /^cache_gets_total[{]/ { v=$NF; h=/result="hit"/; k=/cache="api_keys"/
      if (h) { ah+=v; if (k) kh+=v } else { am+=v; if (k) km+=v } }
    END { printf "%d %d %d %d\n", kh, km, ah, am }'
}
# db_counts: index scans on the tables the hot paths read, committed transactions, and rows inserted into the key
# activity tables (a key's first use ever, and of the day), of our schema / database
db_counts() {
  psql -qAtc "SELECT coalesce(sum(idx_scan),0) FROM pg_stat_user_tables WHERE schemaname = '$SCHEMA'" | tr -d ' '
  psql -qAtc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()" | tr -d ' '
  psql -qAtc "SELECT coalesce(sum(n_tup_ins),0) FROM pg_stat_user_tables WHERE schemaname = '$SCHEMA'
              AND relname IN ('api_key_activity', 'api_key_usage')" | tr -d ' '
}

RESULTS=$OUT/runs.tsv
printf 'test\tside\trep\trps\tp50_ms\tp99_ms\tp999_ms\tmax_ms\tnon2xx\tsock_err\tsrv_cpu_cores\tsrv_us_per_req\tpg_cpu_cores\tpg_us_per_req\tkey_hits\tkey_misses\tall_hits\tall_misses\tidx_scans_per_req\txacts_per_req\tactivity_inserts_per_req\n' > "$RESULTS"

# one_run <test> <side: h2|uniform|hot> <rep> <seconds>
one_run() {
  local test=$1 side=$2 rep=$3 dur=$4 pid=$PG_PID port=$PORT mgmt=$MGMT_PORT keys=$KEYS token=$PG_TOKEN path
  case $side in
    h2) pid=$H2_PID; port=$H2_PORT; mgmt=$H2_MGMT_PORT; keys=$H2KEYS; token=$H2_TOKEN ;;
    hot) keys=$HOTKEYS ;;
  esac
  path=/identity/token; [ "$test" = details ] && path=/v1/apikeys/details
  local raw=$OUT/wrk-$test-$side-$rep.txt c0 c1 k0 k1 g0 g1 d0 d1 t0 t1 s0 s1
  sleep 1
  c0=$(cache_counts "$mgmt"); mapfile -t d0 < <(db_counts)
  k0=$(proc_ticks "$pid"); g0=$(pg_ticks); s0=$(sys_ticks); t0=$(date +%s.%N)
  LK_LUA_DIR=$LUA LK_KEYS_FILE=$keys LK_MODE=$test LK_TOKEN=$token \
    timeout $((dur + 120)) wrk -t"$THREADS" -c"$CONNS" -d"${dur}s" --latency -s "$LUA/scale.lua" "http://127.0.0.1:$port$path" > "$raw" 2>&1 || true
  k1=$(proc_ticks "$pid"); g1=$(pg_ticks); s1=$(sys_ticks); t1=$(date +%s.%N)
  sleep 1   # PostgreSQL publishes its statistics within a second
  c1=$(cache_counts "$mgmt"); mapfile -t d1 < <(db_counts)
  local res; res=$(grep '^RESULT' "$raw" || true)
  [ -n "$res" ] || { cat "$raw" >&2; die "wrk gave no RESULT line for $test/$side"; }
  [ "$rep" = 0 ] && { log "warm-up $test/$side: $res"; trim_log "$OUT/latchkey-pg.log"; trim_log "$OUT/latchkey-h2.log"; return 0; }
  awk -v test="$test" -v side="$side" -v rep="$rep" -v res="$res" -v k0="$k0" -v k1="$k1" -v g="$(pg_used "$g0" "$g1")" \
      -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" -v c0="$c0" -v c1="$c1" -v i0="${d0[0]}" -v i1="${d1[0]}" \
      -v x0="${d0[1]}" -v x1="${d1[1]}" -v n0="${d0[2]}" -v n1="${d1[2]}" 'BEGIN{
    n=split(res,kv," "); for(i=2;i<=n;i++){split(kv[i],p,"="); r[p[1]]=p[2]}
    wall=t1-t0; srv=(k1-k0)/hz; pg=g/hz; req=r["requests"]; if(req<1)req=1
    split(c0,a," "); split(c1,b," ")
    sock=r["err_connect"]+r["err_read"]+r["err_write"]+r["err_timeout"]
    printf "%s\t%s\t%s\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.2f\t%.0f\t%.2f\t%.0f\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\n",
      test, side, rep, r["rps"], r["p50_ms"], r["p99_ms"], r["p999_ms"], r["max_ms"], r["non2xx"], sock,
      srv/wall, srv/req*1e6, pg/wall, pg/req*1e6, b[1]-a[1], b[2]-a[2], b[3]-a[3], b[4]-a[4],
      (side=="h2" ? 0 : (i1-i0)/req), (side=="h2" ? 0 : (x1-x0)/req), (side=="h2" ? 0 : (n1-n0)/req)}' >> "$RESULTS"
  log "$(tail -1 "$RESULTS")"
  trim_log "$OUT/latchkey-pg.log"; trim_log "$OUT/latchkey-h2.log"
}
# lookup_run <rep> <seconds>: the key lookup alone (LookupRate: the node's miss reader, its default pool, CONNS
# virtual threads, keys drawn uniformly; both nodes idle), with PostgreSQL's CPU sampled inside its measured seconds
# (its pool's server processes end with it, and /proc forgets an ended process's CPU)
LOOKUPS=$OUT/lookup.tsv
printf 'rep\tlookups_per_s\tclient_us_per_lookup\tpg_cpu_cores\tpg_us_per_lookup\n' > "$LOOKUPS"
lookup_run() {
  local rep=$1 dur=$2 raw=$OUT/lookup-$1.txt warm=5 g0 g1 t0 t1 rc=0
  "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.LookupRate \
    "jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" "$PGUSER" "$KEYS" "$CONNS" "$dur" "$warm" \
    > "$raw" 2> "$OUT/lookup-$rep.log" &
  CHILD_PID=$!
  sleep $((warm + 1)); g0=$(pg_ticks); t0=$(date +%s.%N)
  sleep $((dur > 2 ? dur - 2 : 1)); g1=$(pg_ticks); t1=$(date +%s.%N)
  wait "$CHILD_PID" || rc=$?; CHILD_PID=""
  [ "$rc" = 0 ] || { tail -20 "$OUT/lookup-$rep.log" >&2; die "LookupRate failed"; }
  awk -v rep="$rep" -v res="$(grep '^RESULT' "$raw")" -v g="$(pg_used "$g0" "$g1")" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" 'BEGIN{
    n=split(res,kv," "); for(i=2;i<=n;i++){split(kv[i],p,"="); r[p[1]]=p[2]}
    pg=g/hz/(t1-t0)
    printf "%s\t%.0f\t%.0f\t%.2f\t%.0f\n", rep, r["lookups_per_s"], r["cpu_us_per_lookup"], pg, pg/r["lookups_per_s"]*1e6}' >> "$LOOKUPS"
  log "lookup alone: $(tail -1 "$LOOKUPS")"
}
# Keeps the nodes' logs small (one access line per request): the rest is kept aside in <log>.kept; the servers
# opened their log for appending, so truncating it under them is safe.
trim_log() { grep -v ' latchkey.access - ' "$1" >> "$1.kept" || true; : > "$1"; }

for test in $TESTS; do
  if [ "$WARMUP" -gt 0 ]; then
    for side in h2 uniform hot; do one_run "$test" "$side" 0 "$WARMUP"; done
  fi
  for r in $(seq 1 "$REPEAT"); do
    for side in h2 uniform hot; do one_run "$test" "$side" "$r" "$DURATION"; done
    [ "$test" = "${TESTS%% *}" ] && lookup_run "$r" "$DURATION"
  done
done
PG_RSS=$(( $(awk '/^VmRSS:/{print $2}' "/proc/$PG_PID/status") / 1024 ))
METRICS_AFTER=$(curl -s --max-time 10 "http://127.0.0.1:$MGMT_PORT/metrics" || true)   # one scrape for the three below
PG_HEAP=$(awk '/^jvm_memory_used_bytes[{].*area="heap"/ {s+=$NF} END {printf "%d", s/1048576}' <<< "$METRICS_AFTER")
POOL_MAX=$(awk '/^hikaricp_connections_max[{]/ {printf "%d", $NF}' <<< "$METRICS_AFTER")
CACHE_SIZES=$(awk '/^cache_size[{]/ {match($0, /cache="[a-z_]*"/); c=substr($0, RSTART+7, RLENGTH-8); printf "%s%s %d", sep, c, $NF; sep=", "}' <<< "$METRICS_AFTER")
CACHE_MAX=$(sed -n 's/.*--cache-max-entries[ =]\([0-9]*\).*/\1/p' <<< "$SERVE_ARGS")
CACHE_MAX=${CACHE_MAX:-"100000 (the default)"}
trim_log "$OUT/latchkey-pg.log"
WARNINGS=$(grep -cE ' (WARN|ERROR) ' "$OUT/latchkey-pg.log.kept" || true)

# ---------------------------------------------------------------- 3. the section
# median_in <tsv> <column> [<test> <side>]: the median of a column, over one test's and side's rows when given
median_in() {
  awk -F'\t' -v c="$2" -v t="${3:-}" -v s="${4:-}" 'NR==1{for(i=1;i<=NF;i++) if($i==c) col=i; next}
    t == "" || ($1==t && $2==s) {v[++n]=$col} END{ if(!n){print "-"; exit}
    for(i=1;i<=n;i++) for(j=i+1;j<=n;j++) if(v[j]<v[i]){x=v[i];v[i]=v[j];v[j]=x}
    print (n%2) ? v[(n+1)/2] : (v[n/2]+v[n/2+1])/2 }' "$1"
}
median() { median_in "$RESULTS" "$3" "$1" "$2"; }   # median <test> <side> <column>
lookup_median() { median_in "$LOOKUPS" "$1"; }    # lookup_median <column of lookup.tsv>
total() { awk -F'\t' -v t="$1" -v s="$2" -v c="$3" 'NR==1{for(i=1;i<=NF;i++) if($i==c) col=i; next} $1==t && $2==s {x+=$col} END{print x+0}' "$RESULTS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0) print "-"; else printf "%.0f", 100*a/b }'; }
verdict() { # verdict <value> <op: ge|lt> <limit>
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN{ if (v == "-") { print "not measured"; exit }
    ok = (op == "ge") ? (v+0 >= l+0) : (v+0 < l+0); print (ok ? "met" : "missed") }'
}
SMOKE_NOTE=""; [ "$WARMUP" -lt 30 ] || [ "$ACCOUNTS" -lt 10000 ] && SMOKE_NOTE=" **Smoke settings: not a measurement.**"
{
  echo "#### A million keys on PostgreSQL ($RUN_DATE, commit $COMMIT)"
  echo
  echo "\`bench/scale.sh\`: ${DB_ROWS} in schema \`$SCHEMA\` (api_keys with its indexes: $DB_SIZE), loaded in ${LOAD_S} s by"
  echo "\`ScaleLoad\` ($ACCOUNTS accounts x (1 owner + $SERVICE_IDS service IDs) x $KEYS_PER_IDENTITY keys). Latchkey $ALG, shipped defaults,"
  echo "access log $ACCESS_LOG, $(nproc) cores shared with wrk and PostgreSQL $(psql -qAtc 'SHOW server_version' | cut -d' ' -f1) on the same machine; wrk $THREADS threads, $CONNS connections,"
  echo "one key drawn uniformly at random per request; warm-up ${WARMUP} s per row, then $REPEAT x ${DURATION} s interleaved (H2, PG uniform,"
  echo "PG hot), medians. H2 = \`bench/run.sh\`'s reference: a fresh embedded node with its 20 keys.$SMOKE_NOTE"
  echo
  echo "| test | keys drawn from | req/s | p50 ms | p99 ms | p99.9 ms | server CPU cores | server µs/req | PostgreSQL CPU cores | PG µs/req | api_keys cache hit % | all caches hit % | PG index scans/req | PG transactions/req | activity rows inserted/req | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for test in $TESTS; do
    for side in h2 uniform hot; do
      case $side in h2) what="H2, 20 keys" ;; uniform) what="PG, all $LOADED_KEYS" ;; hot) what="PG, hot $(grep -c . "$HOTKEYS")" ;; esac
      kh=$(total "$test" "$side" key_hits); km=$(total "$test" "$side" key_misses)
      ah=$(total "$test" "$side" all_hits); am=$(total "$test" "$side" all_misses)
      printf '| %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$test" "$what" \
        "$(median "$test" "$side" rps)" "$(median "$test" "$side" p50_ms)" "$(median "$test" "$side" p99_ms)" \
        "$(median "$test" "$side" p999_ms)" "$(median "$test" "$side" srv_cpu_cores)" "$(median "$test" "$side" srv_us_per_req)" \
        "$([ "$side" = h2 ] && echo - || median "$test" "$side" pg_cpu_cores)" "$([ "$side" = h2 ] && echo - || median "$test" "$side" pg_us_per_req)" \
        "$(ratio "$kh" $((kh + km)))" "$(ratio "$ah" $((ah + am)))" \
        "$([ "$side" = h2 ] && echo - || median "$test" "$side" idx_scans_per_req)" "$([ "$side" = h2 ] && echo - || median "$test" "$side" xacts_per_req)" \
        "$([ "$side" = h2 ] && echo - || median "$test" "$side" activity_inserts_per_req)" "$(total "$test" "$side" non2xx)"
    done
  done
  echo
  echo "Targets (issue #17):"
  for test in $TESTS; do
    h2=$(median "$test" h2 rps); u=$(median "$test" uniform rps); h=$(median "$test" hot rps)
    up99=$(median "$test" uniform p99_ms)
    echo "- $test, PG uniform / H2 20 keys: $(ratio "$u" "$h2") % (target >= 75 %): $(verdict "$(ratio "$u" "$h2")" ge 75)"
    echo "- $test, PG uniform p99: $up99 ms (target < 15 ms): $(verdict "$up99" lt 15)"
    echo "- $test, PG hot 1k / H2 20 keys: $(ratio "$h" "$h2") % (target >= 90 %): $(verdict "$(ratio "$h" "$h2")" ge 90)"
    ceiling=$(awk -v h2="$h2" -v c="$(lookup_median client_us_per_lookup)" -v p="$(lookup_median pg_us_per_lookup)" -v n="$(nproc)" \
      'BEGIN{ if (h2 == "-" || c == "-" || h2+0 == 0) print "-"; else printf "%.0f", n*1e6 / (n*1e6/h2 + c + p) }')
    echo "- $test, ceiling of a uniform draw on these cores (an estimate, and an upper one: the machine's time per H2 request plus the CPU of one lookup alone, at its lowest, in the facts): $ceiling req/s = $(ratio "$ceiling" "$h2") % of H2"
  done
  echo
  echo "Facts:"
  echo "- host: $(host_line)"
  echo "- load: \`$LOAD_LINE\` (seconds: the whole load, the accounts/users/service IDs/policies through the stores, the keys with COPY and, of that, making the values and hashes)"
  echo "- caches: at most $CACHE_MAX entries each; entries after the runs on the PostgreSQL node: $CACHE_SIZES. Hit % is Caffeine's, which counts an entry older than \`--cache-ttl\` as a hit although it is read again before it answers; PostgreSQL's index scans and transactions per request count the reads that really happened (a key lookup by hash is two index scans: current and previous value)"
  echo "- PostgreSQL node: RSS ${PG_RSS} MB, heap in use ${PG_HEAP} MB after the runs; database pool ${POOL_MAX} connections (\`--db-pool-size\`, \`hikaricp_connections_max\`); PostgreSQL's shared_buffers $(psql -qAtc 'SHOW shared_buffers'); warnings or errors in its log: $WARNINGS"
  echo "- the key lookup alone, beside the rows above (\`LookupRate\`: keys read as the node reads its misses, those waiting at one moment in one statement (\`CachingApiKeyStore.missReader\`), on $CONNS virtual threads that do nothing else, over a pool of the node's default size, keys drawn uniformly from all $LOADED_KEYS, both nodes idle): $(lookup_median lookups_per_s) lookups/s, CPU per lookup $(lookup_median client_us_per_lookup) µs in the client and $(lookup_median pg_us_per_lookup) µs in PostgreSQL (medians of $REPEAT runs of ${DURATION} s). What one miss costs the machine before any HTTP, cache or signing, at its lowest: its threads keep more misses waiting together than a node's requests do"
  echo "- activity rows inserted per request: rows of \`api_key_activity\` and \`api_key_usage\` the flush inserted rather than updated (a key's first use ever, and its first use of the day). On a freshly loaded schema nearly every token over all keys inserts both. What the writes cost depends on the tables as much as on inserting (decision record 0056, \"Measured since\"): 14–17 % of the token rate where most keys already had rows and a fifth to two fifths of the tokens inserted, and no more on a fresh schema than updating rows made in advance. A schema measured again (\`REUSE\`) keeps the activity of the runs before"
  echo "- PostgreSQL CPU is every postgres process's utime+stime from /proc over the run (processes that ended during it are missed; the pool keeps its connections)"
  echo "- a loaded account lists $listed keys through \`GET /v1/apikeys?scope=account\`; a loaded user key and service ID key each get a token and their details"
  echo "- non-2xx answers: counted in the table; a row with any is not a valid measurement. Raw files: \`$OUT\`"
} > "$SECTION"
if [ "$KEEP" = 1 ]; then
  log "kept schema $SCHEMA, its keys and master key in $OUT; measure it again with REUSE=${REUSE:-$OUT} bench/scale.sh; drop it with: psql -c 'DROP SCHEMA $SCHEMA CASCADE'"
fi
cat "$SECTION"
echo "$SECTION"
