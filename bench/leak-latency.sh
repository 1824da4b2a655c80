#!/usr/bin/env bash
# Disable propagation across nodes under load (loopback only). Two Latchkey nodes, A and B, on one PostgreSQL
# schema, both serving the token benchmark (wrk with wrk/token.lua on each node, keys that are not the trial
# keys) for the whole time of the trials. Per trial (dev.latchkey.bench.LeakLatency trials): node B issues a token
# for the trial key first (so B has it cached), then the key is disabled on node A, either way in turn:
#   leak     POST /v1/leaks with the key's value (its action_when_leaked is "disable")
#   disable  POST /v1/apikeys/{id}/disable (IBM's route), with the admin's bearer token
# and node B is asked for a token with the key, one request after another, until it refuses (4xx). The time
# from the start of A's request to B's refusal is the trial's figure (A's own answer time is in it, and reported
# apart). That is the whole path: A's transaction -> NOTIFY at commit -> B's change feed -> cache eviction ->
# refusal. The caches' TTL stays at its default (5 s), so a figure under it comes from the change feed.
#
# Writes one Markdown section (#### heading, settings, table, verdicts, facts) to $SECTION, and when run
# standalone (SECTION not given) also bench/LEAK-LATENCY.md. Every loop and run is bounded (wrk -d and timeout,
# MAX_WAIT_MS per trial, TRIALS_TIMEOUT for all trials); every process it starts is stopped by its PID on exit
# (trap) and the schema is dropped. Raw outputs (server logs, wrk output, per-trial rows) go to $OUT.
#
# Env knobs (defaults in brackets):
#   TRIALS [100] trials per way (2 x TRIALS keys, spread over service IDs of 20 keys each)
#   LOAD [1] (0: no wrk load, the trials alone)  CONNS [8] wrk connections per node  THREADS [1] wrk threads per node
#   WARMUP [20] seconds of wrk load on both nodes before the measured load starts (0: none)
#   LOAD_KEYS [20] keys (one service ID) that wrk rotates over on both nodes
#   LOAD_MAX [900] the most seconds the measured load may run (it is stopped as soon as the trials end)
#   MAX_WAIT_MS [10000] how long one trial waits for B to refuse before recording a miss
#   TRIALS_TIMEOUT [1800] seconds all trials may take
#   TOKEN_ALG [RS256]  PORT_A [18130]  PORT_B [18131]  MGMT_A [19130]  MGMT_B [19131] (metrics ports, scraped once)
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGDATABASE [test]  PGUSER [postgres]  SCHEMA [lk_leakbench_<pid>]
#   SERVER_JAVA_OPTS [] extra JVM options for both nodes   SERVER_ARGS [] extra `serve` options for both nodes
#     (e.g. "--signing-threads 2")   ACCESS_LOG [OFF] (LATCHKEY_ACCESS_LOG of the nodes)
#   BUILD [auto] (auto: build the jars when missing or older than the sources; always; never)
#   JAVA_HOME [a JDK 21+ found as bench/run.sh does]  OUT [a fresh ${TMPDIR:-/tmp}/latchkey-leak-XXXXXX]
#   SECTION [$OUT/section.md]  LEAK_MD [1 when SECTION is not given, else 0] (1: also write bench/LEAK-LATENCY.md)
# Smoke: TRIALS=5 WARMUP=3 bench/leak-latency.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TRIALS=${TRIALS:-100}
LOAD=${LOAD:-1}
CONNS=${CONNS:-8}
THREADS=${THREADS:-1}
WARMUP=${WARMUP:-20}
LOAD_KEYS=${LOAD_KEYS:-20}
LOAD_MAX=${LOAD_MAX:-900}
MAX_WAIT_MS=${MAX_WAIT_MS:-10000}
TRIALS_TIMEOUT=${TRIALS_TIMEOUT:-1800}
TOKEN_ALG=${TOKEN_ALG:-RS256}
PORT_A=${PORT_A:-18130}
PORT_B=${PORT_B:-18131}
MGMT_A=${MGMT_A:-19130}
MGMT_B=${MGMT_B:-19131}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGDATABASE=${PGDATABASE:-test}
PGUSER=${PGUSER:-postgres}
SCHEMA=${SCHEMA:-lk_leakbench_$$}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
SERVER_ARGS=${SERVER_ARGS:-}
ACCESS_LOG=${ACCESS_LOG:-OFF}
BUILD=${BUILD:-auto}
if [ -n "${SECTION:-}" ]; then LEAK_MD=${LEAK_MD:-0}; else LEAK_MD=${LEAK_MD:-1}; fi
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/latchkey-leak-XXXXXX")}
SECTION=${SECTION:-$OUT/section.md}
APP_JAR=$ROOT/app/target/latchkey.jar
BENCH_JAR=$ROOT/bench/target/latchkey-bench.jar
LUA=$HERE/wrk
CLK_TCK=$(getconf CLK_TCK)
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT (with local changes)"; fi

for v in TRIALS LOAD CONNS THREADS WARMUP LOAD_KEYS LOAD_MAX MAX_WAIT_MS TRIALS_TIMEOUT PORT_A PORT_B MGMT_A MGMT_B; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "leak-latency.sh: $v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$TRIALS" -ge 1 ] && [ "$LOAD_KEYS" -ge 1 ] && [ "$CONNS" -ge 1 ] && [ "$THREADS" -ge 1 ] \
  || { echo "leak-latency.sh: TRIALS, LOAD_KEYS, CONNS and THREADS must be >= 1" >&2; exit 2; }
[[ "$SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "leak-latency.sh: SCHEMA must be a plain lower-case name" >&2; exit 2; }
case $TOKEN_ALG in RS256|ES256) ;; *) echo "leak-latency.sh: TOKEN_ALG is RS256 or ES256" >&2; exit 2 ;; esac
mkdir -p "$OUT"

trap '' PIPE
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/run.log" >&2 || true; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes we start (stopped by PID)
pids=()          # both JVMs and the wrk runs (each wrk under timeout)
schema_made=0
. "$HERE/lib.sh"   # find_jdk, ensure_jars, stop_pid (here without a name: these stops are not logged), proc_ticks, pg_ticks, pg_used
cleanup() {
  local p
  for p in ${pids[@]+"${pids[@]}"}; do stop_pid "$p"; done
  pids=()
  if [ "$schema_made" = 1 ]; then
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------- tools, JDK, jars (as bench/run.sh)
ensure_tools() { # as bench/run.sh: apt-get install what is missing when root on Debian
  local missing=() t
  for t in curl jq psql; do command -v "$t" >/dev/null || missing+=("$t"); done
  [ "$LOAD" = 0 ] || command -v wrk >/dev/null || missing+=(wrk)
  [ ${#missing[@]} -eq 0 ] && return 0
  missing=("${missing[@]/psql/postgresql-client}")
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them (Debian: apt-get install -y ${missing[*]})"
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq >> "$OUT/apt.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >> "$OUT/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed (see $OUT/apt.log)"
}
ensure_tools
JDK=$(find_jdk) || die "no JDK 21+ found (set JAVA_HOME)"
JAVA=$JDK/bin/java
ensure_jars "$ROOT" "$JDK" "$OUT/build.log" app,bench "$APP_JAR" "$BENCH_JAR"

# ---------------------------------------------------------------- measuring helpers
sys_ticks() { awk '/^cpu /{t=0; for(i=2;i<=9;i++) t+=$i; print t - $5 - $6; exit}' /proc/stat; }   # busy (all CPUs)
port_free() { ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }

# ---------------------------------------------------------------- two nodes on one schema
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -qc "CREATE SCHEMA $SCHEMA" >/dev/null \
  || die "cannot create schema $SCHEMA on $PGHOST:$PGPORT/$PGDATABASE"
schema_made=1
unset_env=()
for v in $(compgen -e | grep '^LATCHKEY_' || true); do unset_env+=(-u "$v"); done   # no settings from outside
MASTER=$(head -c 32 /dev/urandom | base64)

start_node() { # start_node <name> <port> <mgmt port>: sets NODE_PID
  local name=$1 port=$2 mgmt=$3 data=$OUT/$1 i code=000
  port_free "$port" || die "something already listens on 127.0.0.1:$port"
  port_free "$mgmt" || die "something already listens on 127.0.0.1:$mgmt"
  mkdir -p "$data"
  log "starting node $name: java @app/jvm.options -jar latchkey.jar serve --port $port --management-port $mgmt --token-alg $TOKEN_ALG $SERVER_ARGS (schema $SCHEMA)"
  # shellcheck disable=SC2086
  env ${unset_env[@]+"${unset_env[@]}"} LATCHKEY_MASTER_KEY="$MASTER" LATCHKEY_ACCESS_LOG="$ACCESS_LOG" \
    LATCHKEY_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" LATCHKEY_DB_USER="$PGUSER" \
    "$JAVA" @"$ROOT/app/jvm.options" $SERVER_JAVA_OPTS -jar "$APP_JAR" serve --host 127.0.0.1 --port "$port" --management-port "$mgmt" \
    --data-dir "$data" --token-alg "$TOKEN_ALG" $SERVER_ARGS > "$OUT/$name.log" 2>&1 < /dev/null &
  NODE_PID=$!
  pids+=("$NODE_PID")
  for i in $(seq 1 600); do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$NODE_PID" 2>/dev/null || { tail -40 "$OUT/$name.log" >&2; die "node $name exited during start-up"; }
    sleep 0.2
  done
  tail -40 "$OUT/$name.log" >&2; die "node $name: no 200 from /health within 120 s"
}
start_node a "$PORT_A" "$MGMT_A"; PID_A=$NODE_PID
start_node b "$PORT_B" "$MGMT_B"; PID_B=$NODE_PID
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
ADMIN_KEY=$(tr -d '[:space:]' < "$OUT/a/admin-apikey.txt" 2>/dev/null || true)
[ -n "$ADMIN_KEY" ] || ADMIN_KEY=$(tr -d '[:space:]' < "$OUT/b/admin-apikey.txt" 2>/dev/null || true)
[ -n "$ADMIN_KEY" ] || die "no admin-apikey.txt in either node's data directory"

log "making $LOAD_KEYS load keys and $((2 * TRIALS)) trial keys through node A"
# run_child <cmd...>: in the background, so that a signal reaches our trap at once (the trap stops it by PID)
run_child() { "$@" & local pid=$! rc=0; pids+=("$pid"); wait "$pid" || rc=$?; return "$rc"; }
run_child timeout 600 "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.LeakLatency setup "$A" "$ADMIN_KEY" "$LOAD_KEYS" "$TRIALS" \
  "$OUT" > "$OUT/setup.log" 2>&1 || { tail -20 "$OUT/setup.log" >&2; die "setup failed (see $OUT/setup.log)"; }

for url in "$A" "$B"; do   # the load must be valid: a load key gets a token on each node
  code=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' --data-urlencode "grant_type=urn:ibm:params:oauth:grant-type:apikey" \
    --data-urlencode "apikey=$(head -1 "$OUT/load-keys.txt")" "$url/identity/token" || true)
  [ "$code" = 200 ] || die "a load key got $code, not 200, from $url/identity/token"
done

# ---------------------------------------------------------------- load on both nodes, trials meanwhile
WRK_A="" WRK_B=""
wrk_start() { # wrk_start <url> <seconds> <output>: sets WRK_PID (the timeout process, which passes signals on)
  LK_LUA_DIR=$LUA LK_KEYS_FILE=$OUT/load-keys.txt timeout $(( $2 + 30 )) \
    wrk -t"$THREADS" -c"$CONNS" -d"$2s" --latency -s "$LUA/token.lua" "$1/identity/token" > "$3" 2>&1 &
  WRK_PID=$!
  pids+=("$WRK_PID")
}
wrk_stop() { # wrk_stop <pid>: SIGINT makes wrk stop and print its summary (and the RESULT line); bounded
  local pid=$1 i
  kill -INT "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  stop_pid "$pid"
}
if [ "$LOAD" != 0 ] && [ "$WARMUP" -gt 0 ]; then
  log "warming up: wrk on both nodes for ${WARMUP}s"
  wrk_start "$A" "$WARMUP" "$OUT/wrk-a-warmup.txt"; w1=$WRK_PID
  wrk_start "$B" "$WARMUP" "$OUT/wrk-b-warmup.txt"; w2=$WRK_PID
  wait "$w1" 2>/dev/null || true; wait "$w2" 2>/dev/null || true
fi

ka0=$(proc_ticks "$PID_A"); kb0=$(proc_ticks "$PID_B"); kp0=$(pg_ticks); ks0=$(sys_ticks); t0=$(date +%s.%N)
if [ "$LOAD" != 0 ]; then
  log "load: wrk -t$THREADS -c$CONNS on each node (at most ${LOAD_MAX}s); $TRIALS trials per way meanwhile"
  wrk_start "$A" "$LOAD_MAX" "$OUT/wrk-a.txt"; WRK_A=$WRK_PID
  wrk_start "$B" "$LOAD_MAX" "$OUT/wrk-b.txt"; WRK_B=$WRK_PID
  sleep 1
fi
wrk_ticks() { local p t=0; for p in $(pgrep -P "$WRK_A" 2>/dev/null) $(pgrep -P "$WRK_B" 2>/dev/null); do t=$((t + $(proc_ticks "$p"))); done; echo "$t"; }
kw0=0; [ "$LOAD" = 0 ] || kw0=$(wrk_ticks)
trials_rc=0
run_child timeout "$TRIALS_TIMEOUT" "$JAVA" -cp "$BENCH_JAR" dev.latchkey.bench.LeakLatency trials "$A" "$B" "$ADMIN_KEY" \
  "$OUT/trials.tsv" "$MAX_WAIT_MS" "$OUT/results.tsv" > "$OUT/trials.log" 2>&1 || trials_rc=$?
kw1=0; [ "$LOAD" = 0 ] || kw1=$(wrk_ticks)
if [ "$LOAD" != 0 ]; then
  wrk_stop "$WRK_A"; wrk_stop "$WRK_B"
fi
ka1=$(proc_ticks "$PID_A"); kb1=$(proc_ticks "$PID_B"); kp1=$(pg_ticks); ks1=$(sys_ticks); t1=$(date +%s.%N)
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
[ "$trials_rc" = 0 ] || { tail -20 "$OUT/trials.log" >&2; die "the trials failed or timed out (rc $trials_rc; see $OUT/trials.log)"; }
METRICS_A=$(curl -s --max-time 10 "http://127.0.0.1:$MGMT_A/metrics" || true)
METRICS_B=$(curl -s --max-time 10 "http://127.0.0.1:$MGMT_B/metrics" || true)
printf '%s\n' "$METRICS_A" > "$OUT/metrics-a.txt"; printf '%s\n' "$METRICS_B" > "$OUT/metrics-b.txt"

# ---------------------------------------------------------------- the section
cores() { awk -v a="$1" -v b="$2" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/hz/(t1-t0)}'; }
WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}')
# stats <way> <column>: "n p50 p90 p99 max misses" over the trials of one way (nearest rank; misses are -1 rows)
stats() { # stats <way> <column> [all]: with "all", negative values are values, not misses
  awk -F'\t' -v way="$1" -v col="$2" 'NR>1 && $1==way && ($3 >= 0 || col == 3) {print $col}' "$OUT/results.tsv" | sort -g | awk -v all="${3:-}" '
    { if ($1 < 0 && all == "") miss++; else v[++n]=$1 }
    function r(q,  i) { i=int(q*n+0.999999); if(i<1)i=1; return v[i] }
    END { if (n==0) { print 0, "-", "-", "-", "-", miss+0; exit }
          printf "%d %s %s %s %s %d\n", n, r(0.5), r(0.9), r(0.99), v[n], miss+0 }'
}
metric() { printf '%s\n' "$1" | awk -v m="$2" '$1==m || index($1, m"{")==1 {s+=$2; f=1} END{if(f) printf "%.0f", s; else print "n/a"}'; }
wrk_field() { grep '^RESULT' "$1" 2>/dev/null | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

{
  echo "#### Disable propagation across two nodes under load"
  echo
  echo "$RUN_DATE, commit $COMMIT, host $(host_line). Two nodes"
  echo "(\`java @app/jvm.options -jar app/target/latchkey.jar serve${SERVER_ARGS:+ $SERVER_ARGS}\`, the shipped JVM options, $TOKEN_ALG, cache TTL at its default${SERVER_JAVA_OPTS:+, JVM options $SERVER_JAVA_OPTS}) on one PostgreSQL schema at $PGHOST:$PGPORT."
  if [ "$LOAD" != 0 ]; then
    echo "Both nodes served the token benchmark throughout (wrk -t$THREADS -c$CONNS on each, \`wrk/token.lua\` over $LOAD_KEYS keys that"
    echo "are not trial keys; ${WARMUP}s warm-up first). $TRIALS trials per way, alternating: B issues a token for the"
    echo "trial key (cached), the key's disable is sent to A and, without waiting for A's answer, B is asked again and"
    echo "again until it refuses. Time from sending A's request to B's refusal (A's own work is in it; when A answered,"
    echo "and B's refusal counted from that answer, negative when B refused first, are shown apart). Bound per trial: ${MAX_WAIT_MS} ms."
  else
    echo "No load (LOAD=0). $TRIALS trials per way, alternating, as below."
  fi
  echo
  echo "| way | trials | p50 ms | p90 ms | p99 ms | max ms | misses (> ${MAX_WAIT_MS} ms) | A answered, p50 / p99 ms | B refused after A answered, p50 / p99 ms | target p99 < 1000 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  verdicts=()
  for way in leak disable; do
    read -r n p50 p90 p99 max miss <<< "$(stats "$way" 3)"
    read -r _ a50 _ a99 _ _ <<< "$(stats "$way" 4 all)"
    read -r _ d50 _ d99 _ _ <<< "$(stats "$way" 5 all)"
    if [ "$miss" -gt 0 ] || [ "$n" = 0 ]; then v="missed ($miss of $((n + miss)) not refused within ${MAX_WAIT_MS} ms)"
    elif awk -v p="$p99" 'BEGIN{exit !(p<1000)}'; then v="met ($p99 ms)"
    else v="missed ($p99 ms)"; fi
    verdicts+=("$way: $v")
    echo "| $( [ "$way" = leak ] && echo 'leak report (`POST /v1/leaks`)' || echo 'disable (`POST /v1/apikeys/{id}/disable`)') | $((n + miss)) | $p50 | $p90 | $p99 | $max | $miss | $a50 / $a99 | $d50 / $d99 | $v |"
  done
  echo
  if [ "$LOAD" != 0 ]; then
    echo "| load during the trials | req/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx | socket errors | server CPU cores |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for n in a b; do
      f=$OUT/wrk-$n.txt
      errs=$(( $(wrk_field "$f" err_connect || echo 0) + $(wrk_field "$f" err_read || echo 0) + $(wrk_field "$f" err_write || echo 0) + $(wrk_field "$f" err_timeout || echo 0) )) 2>/dev/null || errs="?"
      if [ "$n" = a ]; then c=$(cores "$ka0" "$ka1"); else c=$(cores "$kb0" "$kb1"); fi
      echo "| node $(echo $n | tr ab AB) token | $(wrk_field "$f" rps) | $(wrk_field "$f" p50_ms) | $(wrk_field "$f" p99_ms) | $(wrk_field "$f" p999_ms) | $(wrk_field "$f" max_ms) | $(wrk_field "$f" non2xx) | $errs | $c |"
    done
    echo
  fi
  if [ "$LOAD" != 0 ] && [ "$(( $(wrk_field "$OUT/wrk-a.txt" non2xx || echo 1) + $(wrk_field "$OUT/wrk-b.txt" non2xx || echo 1) ))" != 0 ]; then
    echo "**The load had non-2xx answers: it is not a valid measurement of the load.**"
    echo
  fi
  echo "Verdicts (two nodes, disabled on A refused by B, p99 < 1 s): ${verdicts[0]}; ${verdicts[1]}."
  echo
  echo "Facts: measured window ${WALL} s; server CPU cores A $(cores "$ka0" "$ka1"), B $(cores "$kb0" "$kb1"); every process named"
  echo "postgres on the machine (other users' included) $(cores 0 "$(pg_used "$kp0" "$kp1")") cores; change-feed events received by"
  echo "A $(metric "$METRICS_A" latchkey_change_feed_events_total), B $(metric "$METRICS_B" latchkey_change_feed_events_total); probes of B per trial (from t0):"
  echo "median $(awk -F'\t' 'NR>1{print $6}' "$OUT/results.tsv" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'), max $(awk -F'\t' 'NR>1{print $6}' "$OUT/results.tsv" | sort -n | tail -1)."
  echo "The whole machine was busy $(cores "$ks0" "$ks1") of $(nproc) cores over the window, wrk $(cores "$kw0" "$kw1") of them, everything but the"
  echo "two nodes and wrk (postgres, the trial driver, other work) $(awk -v s="$(cores "$ks0" "$ks1")" -v a="$(cores "$ka0" "$ka1")" -v b="$(cores "$kb0" "$kb1")" -v w="$(cores "$kw0" "$kw1")" 'BEGIN{o=s-a-b-w; if(o<0)o=0; printf "%.2f", o}') (load average at its end: $LOADAVG);"
  echo "when other work takes the cores, both nodes' answers, A's included, slow down with it: compare before reading."
  echo "Raw: per-trial rows in \`results.tsv\`, wrk output, server logs and metrics in \`$OUT\`."
} > "$SECTION"

if [ "$LEAK_MD" = 1 ]; then
  {
    echo "# Leak and disable propagation across nodes"
    echo
    echo "Written by \`bench/leak-latency.sh\` (needs PostgreSQL at 127.0.0.1:5432, wrk, curl, jq, psql; knobs at the top"
    echo "of the script and in bench/README.md). Each run replaces this file; the same section goes into RESULTS.md"
    echo "when bench/run.sh runs the script."
    echo
    sed 's/^#### /## /' "$SECTION"
  } > "$HERE/LEAK-LATENCY.md"
fi
cat "$SECTION"
echo "$SECTION"
