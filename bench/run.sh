#!/usr/bin/env bash
# Latchkey load benchmark (loopback only), side by side with its ceilings and with Keycloak.
#
# For each token algorithm in $ALGS it starts Latchkey (java -jar app/target/latchkey.jar serve) on a fresh
# temporary data directory (embedded H2), waits for /health, makes 20 API keys (the admin's plus 19), and
# measures with wrk (2 threads, 16 connections by default; warm-up, then REPEAT runs, median reported):
#   token    POST /identity/token          API-key grant, rotating over the 20 keys      (wrk/token.lua)
#   details  GET  /v1/apikeys/details       one bearer token, IAM-ApiKey rotating         (wrk/details.lua)
# recording the server's CPU and RSS as shared/bench/keycloak/run.sh does. The server runs as shipped, metrics on (its
# management port at $MGMT_PORT, scraped once after the load); a second one beside it with --management-port 0
# (metrics off) gets the same token and details runs, each right after the first one's, for the on/off ratio. Each ratio's two sides are
# measured alternately, in the same minutes: every token run is followed by a SignRate run (the server's own
# signer with nothing around it, SIGN_THREADS threads, no wrk, a new JVM each time), and every details run of
# the first algorithm by BareJsonServer runs (the same HTTP stack answering a fixed ~530-byte JSON body from a
# direct route, as details is served, and through Javalin for reference; started once and left idle in between)
# with the same wrk settings.
# Unless PEERS=0 it then runs the Keycloak peer ($SHARED/bench/keycloak/run.sh, prod mode, token +
# introspect, same WARMUP/DURATION/REPEAT) and reads its summary. Finally it writes bench/RESULTS.md: one
# table and the target ratios, keeping the earlier runs below "## Earlier runs".
#
# Only 127.0.0.1 is contacted (apart from apt-get when wrk is missing, and Maven Central when the
# Keycloak distribution or a build dependency is missing). Every loop is bounded: wrk runs are -d limited
# and wrapped in `timeout`, polling loops have fixed iteration caps. Every process this script starts is
# stopped by its PID on exit (trap). Raw outputs go to $OUT (a temp dir), never into the repository.
#
# Env knobs (defaults in brackets):
#   ALGS ["RS256 ES256"]  THREADS [2]  CONNS [16]  WARMUP [60]  DURATION [20]  REPEAT [3]
#   PEERS [1] (0 skips Keycloak)  SHARED [$(git rev-parse --show-toplevel)/../shared]
#   KC_SUMMARY [] (path of an existing Keycloak summary.txt to use instead of running Keycloak)
#   KC_JAVA_HOME [the JDK Latchkey runs on] (passed to the Keycloak script)
#   SIGN_THREADS [2]  SIGN_WARMUP [10, at most WARMUP]  PORT [18080]  BARE_PORT [18081]
#   MGMT_PORT [19080] (the measured server's --management-port)  OFF_PORT [18082] (the metrics-off server's port)
#   METRICS_OFF [1] (0 leaves the metrics-off server and its rows out)
#   SERVER_JAVA_OPTS [] (extra JVM options for Latchkey, after the shipped ones of app/jvm.options, and for
#                    BareJsonServer and SignRate, e.g. "-XX:+UseParallelGC")
#   STAGES ["startup listing scale twonode"] (the other benchmarks, each a script of its own writing one section of
#          this run's entry: startup.sh (start to /health, idle RSS), listing.sh (100,000 keys in one account),
#          scale.sh (1,000,000 keys on PostgreSQL), leak-latency.sh (two nodes under load); "" leaves them all out)
#   KC_SIGN_CHECK [1] (a SignRate RS256 run just before and just after Keycloak's, so the machine's drift shows)
#   ACCESS_LOG [INFO] (LATCHKEY_ACCESS_LOG for the server: its per-request log line, on as shipped; OFF to drop it)
#   QUIET_MAX_WAIT [60; 6 when WARMUP < 30] (max seconds to wait for other processes to go quiet before a run)
#   QUIET_CORES [0.15]  BUILD [auto] (auto: build when a jar is missing or older than the sources; always; never)
#   OUT [${TMPDIR:-/tmp}/latchkey-bench/<timestamp>]  RESULTS [bench/RESULTS.md]  JAVA_HOME [a JDK 21+ found]
#   PROFILE [0] (1: after the measured details and bare runs of the first algorithm, one more of each under
#               async-profiler $AP_VERSION from Maven Central, CPU time sampled with itimer; where a details request's
#               CPU goes, as facts in RESULTS.md; those two runs are not in the table)
#   REPORT_FROM [] (an earlier run's OUT: only re-write RESULTS.md from its files, measuring nothing; with
#                   KC_SUMMARY it attaches a Keycloak summary made separately)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ALGS=${ALGS:-"RS256 ES256"}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-20}
REPEAT=${REPEAT:-3}
PEERS=${PEERS:-1}
PROFILE=${PROFILE:-0}
AP_VERSION=4.1
KC_SUMMARY=${KC_SUMMARY:-}
SIGN_THREADS=${SIGN_THREADS:-2}
SIGN_WARMUP=${SIGN_WARMUP:-$(( WARMUP < 10 ? WARMUP : 10 ))}
PORT=${PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
MGMT_PORT=${MGMT_PORT:-19080}
OFF_PORT=${OFF_PORT:-18082}
METRICS_OFF=${METRICS_OFF:-1}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
ACCESS_LOG=${ACCESS_LOG:-INFO}
if [ "$WARMUP" -lt 30 ]; then SMOKE=1; else SMOKE=0; fi
QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-$([ "$SMOKE" = 1 ] && echo 6 || echo 60)}
QUIET_CORES=${QUIET_CORES:-0.15}
BUILD=${BUILD:-auto}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
OUT=${OUT:-${TMPDIR:-/tmp}/latchkey-bench/$STAMP}
RESULTS=${RESULTS:-$HERE/RESULTS.md}
if [ -z "${SHARED:-}" ]; then
  SHARED=$(git -C "$ROOT" rev-parse --show-toplevel 2>/dev/null || echo "$ROOT")/../shared
fi
KC_SCRIPT=$SHARED/bench/keycloak/run.sh
APP_JAR=$ROOT/app/target/latchkey.jar
BENCH_JAR=$ROOT/bench/target/latchkey-bench.jar
LUA=$HERE/wrk
CLK_TCK=$(getconf CLK_TCK)
STAGES=${STAGES-"startup listing scale twonode"}

for v in THREADS CONNS WARMUP DURATION REPEAT SIGN_THREADS SIGN_WARMUP PORT BARE_PORT MGMT_PORT OFF_PORT METRICS_OFF QUIET_MAX_WAIT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "run.sh: $v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$REPEAT" -ge 1 ] && [ "$DURATION" -ge 1 ] || { echo "run.sh: REPEAT and DURATION must be >= 1" >&2; exit 2; }
for a in $ALGS; do
  case $a in RS256|ES256) ;; *) echo "run.sh: ALGS may hold RS256 and ES256 only, not '$a'" >&2; exit 2 ;; esac
done

KC_STATUS="not run (PEERS=0)"
if [ -n "${REPORT_FROM:-}" ]; then          # re-write RESULTS.md from an earlier run's files
  [ -f "$REPORT_FROM/report.env" ] || { echo "run.sh: no report.env in REPORT_FROM=$REPORT_FROM" >&2; exit 2; }
  user_kc_summary=$KC_SUMMARY
  # shellcheck disable=SC1091
  . "$REPORT_FROM/report.env"
  OUT=$REPORT_FROM
  if [ -n "$user_kc_summary" ]; then KC_SUMMARY=$user_kc_summary; KC_STATUS="from $KC_SUMMARY (measured separately)"; fi
fi
mkdir -p "$OUT"
SUMMARY=$OUT/summary.tsv
SIGNS=$OUT/sign.tsv
FACTS=$OUT/facts.txt
if [ -z "${REPORT_FROM:-}" ]; then
: > "$FACTS"
printf 'target\ttest\trep\tthreads\tconns\tdur_s\trequests\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tnon2xx\tsock_err\tbytes_per_req\tsrv_cpu_cores\twrk_cpu_cores\tother_cpu_cores\tsys_busy_cores\tsrv_rss_mb\tsrv_hwm_mb\tp999_ms\n' > "$SUMMARY"
printf 'alg\trep\tthreads\tsigns_per_s\tcpu_cores\tcpu_us_per_sign\tprovider\n' > "$SIGNS"
fi

# SIGPIPE ignored so that a closed console (`./run.sh | head`) cannot kill the script before its EXIT trap.
trap '' PIPE
log()  { local m; m="[$(date +%T)] $*"; printf '%s\n' "$m" >> "$OUT/run.log"; printf '%s\n' "$m" >&2 || true; }
fact() { printf '%s\n' "$*" >> "$FACTS"; log "$*"; }
die()  { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes we start (stopped by PID)
SRV_PID=""     # the Latchkey JVM under test; java is exec'd, so $! is the JVM
OFF_PID=""     # the same server with metrics off (--management-port 0), beside it for the on/off ratio
BARE_PID=""    # the BareJsonServer JVM, up beside Latchkey so that details and bare runs can alternate
CHILD_PID=""   # a long child run in the background (SignRate, the Keycloak script)

. "$HERE/lib.sh"   # find_jdk, ensure_jars, stop_pid, proc_ticks
cleanup() {
  stop_pid "$CHILD_PID" "child process"; CHILD_PID=""
  stop_pid "$SRV_PID" "server"; SRV_PID=""
  stop_pid "$OFF_PID" "server with metrics off"; OFF_PID=""
  stop_pid "$BARE_PID" "BareJsonServer"; BARE_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs a command in the background (so that signals reach our trap at once) and waits for it.
run_child() { "$@" & CHILD_PID=$!; local rc=0; wait "$CHILD_PID" || rc=$?; CHILD_PID=""; return "$rc"; }

# ---------------------------------------------------------------- tools, JDK, jars
ensure_tools() {
  local missing=() t
  command -v wrk >/dev/null || missing+=(wrk)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them (Debian: apt-get install -y ${missing[*]})"
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq >> "$OUT/apt.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >> "$OUT/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed (see $OUT/apt.log)"
  for t in wrk curl jq; do command -v "$t" >/dev/null || die "still missing: $t"; done
}

# ---------------------------------------------------------------- measuring (as the Keycloak script does)
sys_ticks()  { awk '/^cpu /{t=0; for(i=2;i<=9;i++) t+=$i; print t, $5+$6; exit}' /proc/stat; }        # total idle+iowait
rss_kb()     { awk -v k="$2" '$1==k":"{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Waits (bounded) until processes other than <pid> use < QUIET_CORES of CPU over a 2 s window.
wait_quiet() {
  local pid=${1:-} waited=0 s0 s1 k0=0 k1=0 other
  while :; do
    s0=$(sys_ticks); [ -n "$pid" ] && k0=$(proc_ticks "$pid")
    sleep 2
    s1=$(sys_ticks); [ -n "$pid" ] && k1=$(proc_ticks "$pid")
    other=$(awk -v a="$s0" -v b="$s1" -v k0="$k0" -v k1="$k1" -v hz="$CLK_TCK" 'BEGIN{
      split(a,x," "); split(b,y," "); busy=(y[1]-y[2])-(x[1]-x[2]); o=(busy-(k1-k0))/hz/2; if(o<0)o=0; printf "%.2f", o}')
    if awk -v o="$other" -v q="$QUIET_CORES" 'BEGIN{exit !(o<q)}'; then return 0; fi
    waited=$((waited + 2))
    if [ "$waited" -ge "$QUIET_MAX_WAIT" ]; then
      log "WARNING: other processes still use ${other} cores after ${waited}s; measuring anyway"
      ps -eo pid,pcpu,etime,comm --sort=-pcpu | head -6 >> "$OUT/run.log"
      return 0
    fi
  done
}

# bench <pid> <target> <test> <rep> <duration> <lua> <url>: one wrk run against the server <pid>, one row in
# summary.tsv
bench() {
  local pid=$1 target=$2 test=$3 rep=$4 dur=$5 lua=$6 url=$7
  local raw=$OUT/wrk-$target-$test-$rep.txt tfile=$OUT/.wrktime
  local s0 s1 k0 k1 t0 t1 pidstat_pid=""
  wait_quiet "$pid"
  if command -v pidstat >/dev/null; then
    pidstat -h -u -r -p "$pid" 1 "$dur" > "$OUT/pidstat-$target-$test-$rep.txt" 2>&1 &
    pidstat_pid=$!
  fi
  s0=$(sys_ticks); k0=$(proc_ticks "$pid"); t0=$(date +%s.%N)
  LK_LUA_DIR=$LUA /usr/bin/time -f '%U %S' -o "$tfile" \
    timeout $((dur + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${dur}s" --latency -s "$LUA/$lua" "$url" > "$raw" 2>&1 || true
  s1=$(sys_ticks); k1=$(proc_ticks "$pid"); t1=$(date +%s.%N)
  [ -n "$pidstat_pid" ] && { wait "$pidstat_pid" 2>/dev/null || true; }
  local res; res=$(grep '^RESULT' "$raw" || true)
  [ -n "$res" ] || { cat "$raw" >&2; die "wrk produced no RESULT line for $target/$test"; }
  local rss hwm
  rss=$(rss_kb "$pid" VmRSS); hwm=$(rss_kb "$pid" VmHWM)
  awk -v target="$target" -v test="$test" -v rep="$rep" -v thr="$THREADS" -v con="$CONNS" \
      -v res="$res" -v s0="$s0" -v s1="$s1" -v k0="$k0" -v k1="$k1" -v t0="$t0" -v t1="$t1" \
      -v hz="$CLK_TCK" -v wt="$(cat "$tfile" 2>/dev/null || echo '0 0')" -v rss="$rss" -v hwm="$hwm" 'BEGIN{
    n=split(res,kv," "); for(i=2;i<=n;i++){split(kv[i],p,"="); r[p[1]]=p[2]}
    wall=t1-t0; split(s0,a," "); split(s1,b," "); busy=((b[1]-b[2])-(a[1]-a[2]))/hz
    srv=(k1-k0)/hz; split(wt,w," "); wrk=w[1]+w[2]; other=busy-srv-wrk; if(other<0)other=0
    sockerr=r["err_connect"]+r["err_read"]+r["err_write"]+r["err_timeout"]
    printf "%s\t%s\t%s\t%d\t%d\t%.1f\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%.2f\n",
      target,test,rep,thr,con,r["duration_s"],r["requests"],r["rps"],r["p50_ms"],r["p90_ms"],r["p99_ms"],r["max_ms"],
      r["non2xx"],sockerr,(r["requests"]>0?r["bytes"]/r["requests"]:0),srv/wall,wrk/wall,other/wall,busy/wall,rss/1024,hwm/1024,r["p999_ms"]}' >> "$SUMMARY"
  log "$(tail -1 "$SUMMARY")"
}

# warm_up <pid> <target> <test> <lua> <url>: one run of WARMUP seconds, kept in summary.tsv as rep 0
warm_up() {
  if [ "$WARMUP" -gt 0 ]; then bench "$1" "$2" "$3-warmup" 0 "$WARMUP" "$4" "$5"; fi
}

# wait_ready <pid> <url> <logfile> <what>: bounded wait (<= 120 s) for a 200 while <pid> lives; sets READY_S
wait_ready() {
  local pid=$1 url=$2 logf=$3 what=$4 i code=000 t0
  t0=$(date +%s.%N)
  for i in $(seq 1 600); do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$url" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { tail -40 "$logf" >&2; die "$what exited during start-up (see $logf)"; }
    sleep 0.2
  done
  [ "$code" = 200 ] || { tail -40 "$logf" >&2; die "$what: no 200 from $url within 120 s (last $code)"; }
  READY_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
}

port_free() { ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }

# Keeps the server log small: wrk runs make one access line per request. The server's stdout is opened
# for appending, so truncating it while the server writes is safe; non-access lines are kept aside.
trim_log() {
  local logf=$1
  grep -v ' latchkey.access - ' "$logf" >> "$logf.kept" || true
  : > "$logf"
}

# ---------------------------------------------------------------- start-up (decision record 0037)
# The JVM options as ./latchkey serve gives them: app/jvm.options and the class cache beside the jar (the AOT cache
# on JDK 25+, the class data sharing archive before), taken from the launcher itself (everything between java and -jar).
shipped_java_opts() {
  JAVA_HOME="$JDK" LATCHKEY_PRINT_JAVA_COMMAND=1 "$ROOT/latchkey" serve | awk 'NR>1 && $0=="-jar"{done=1} NR>1 && !done{printf "%s%s", sep, $0; sep=" "}'
}
# ---------------------------------------------------------------- the other benchmarks (STAGES)
# run_stage <name> <script> [VAR=value ...]: runs bench/<script> (its own OUT under ours, bounded to an hour); the
# Markdown section it writes to SECTION is appended to this run's entry in RESULTS.md. A failed stage is a warning
# and a section saying so, so that a miss cannot pass for a result.
run_stage() {
  local name=$1 script=$2 section=$OUT/section-$1.md
  shift 2
  case " $STAGES " in *" $name "*) ;; *) return 0 ;; esac
  [ -x "$HERE/$script" ] || { log "WARNING: no bench/$script; stage $name left out"; return 0; }
  wait_quiet ""
  log "================ $name (bench/$script; log in $OUT/$name.log)"
  if ! env "$@" JAVA_HOME="$JDK" BUILD=never OUT="$OUT/$name" SECTION="$section" timeout 3600 "$HERE/$script" \
       >> "$OUT/$name.log" 2>&1; then
    log "WARNING: bench/$script failed (see $OUT/$name.log)"
    printf '#### %s (bench/%s)\n\nThe script failed in this run; no numbers (log: `%s`).\n' "$name" "$script" "$OUT/$name.log" > "$section"
  fi
}
run_stages() {
  local smoke=$SMOKE
  run_stage startup startup.sh PORT="$PORT" MGMT_PORT="$MGMT_PORT" \
    STARTS=$([ "$smoke" = 1 ] && echo 3 || echo 5) IDLE_S=$([ "$smoke" = 1 ] && echo 3 || echo 10)
  if [ "$smoke" = 1 ]; then run_stage listing listing.sh KEYS=2000 DEEP_PAGE=15 ROUNDS=5; else run_stage listing listing.sh; fi
  if [ "$smoke" = 1 ]; then run_stage scale scale.sh ACCOUNTS=50 WARMUP=5 DURATION=5 REPEAT=1; else run_stage scale scale.sh WARMUP="$WARMUP" DURATION="$DURATION" REPEAT="$REPEAT"; fi
  run_stage twonode leak-latency.sh TRIALS=$([ "$smoke" = 1 ] && echo 5 || echo 100) \
    WARMUP=$([ "$smoke" = 1 ] && echo 3 || echo 20) LEAK_MD=$([ "$smoke" = 1 ] && echo 0 || echo 1)
}

# ---------------------------------------------------------------- Latchkey
API=http://127.0.0.1:$PORT
OFF_API=http://127.0.0.1:$OFF_PORT

# start_latchkey <alg> [off]: a fresh data dir; sets SRV_PID, DATA_DIR, LK_LOG, or with "off" (metrics off, on
# OFF_PORT) OFF_PID, OFF_DATA_DIR, OFF_LOG
start_latchkey() {
  local alg=$1 variant=${2:-on} unset=() v port=$PORT metrics=(--management-port "$MGMT_PORT") data logf=$OUT/latchkey-$1.log pid
  if [ "$variant" = off ]; then port=$OFF_PORT; metrics=(--management-port 0); logf=$OUT/latchkey-$alg-off.log; fi
  port_free "$port" || die "something already listens on 127.0.0.1:$port (set PORT or OFF_PORT)"
  [ "$variant" = off ] || port_free "$MGMT_PORT" || die "something already listens on 127.0.0.1:$MGMT_PORT (set MGMT_PORT)"
  data=$(mktemp -d "$OUT/data-$alg-$variant-XXXX")
  for v in $(compgen -e | grep '^LATCHKEY_' || true); do unset+=(-u "$v"); done   # no DB URL etc. from outside
  wait_quiet ""
  log "starting Latchkey ($alg, metrics $variant): java $(shipped_java_opts) $SERVER_JAVA_OPTS -jar $APP_JAR serve --port $port ${metrics[*]} --data-dir $data --token-alg $alg"
  # shellcheck disable=SC2086
  env ${unset[@]+"${unset[@]}"} LATCHKEY_ACCESS_LOG="$ACCESS_LOG" \
    "$JAVA" $(shipped_java_opts) $SERVER_JAVA_OPTS -jar "$APP_JAR" serve --host 127.0.0.1 --port "$port" "${metrics[@]}" --data-dir "$data" \
    --token-alg "$alg" >> "$logf" 2>&1 < /dev/null &
  pid=$!
  if [ "$variant" = off ]; then OFF_PID=$pid; OFF_DATA_DIR=$data; OFF_LOG=$logf; else SRV_PID=$pid; DATA_DIR=$data; LK_LOG=$logf; fi
  wait_ready "$pid" "http://127.0.0.1:$port/health" "$logf" "Latchkey"
  [ "$variant" = off ] && return 0
  fact "latchkey.$alg.start_to_health_200_s=$READY_S (fresh H2 data dir; pid $SRV_PID)"
  sleep 2
  fact "latchkey.$alg.idle_rss_mb=$(( $(rss_kb "$SRV_PID" VmRSS) / 1024 ))"
  fact "latchkey.$alg.provider=$(grep -o 'crypto provider: [^(]*' "$LK_LOG" | head -1 | sed 's/crypto provider: //; s/ *$//')"
}

b64url() { local s=$1; s=${s//-/+}; s=${s//_//}; while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; printf '%s' "$s" | base64 -d 2>/dev/null; }

# token_for <key> [api]: an access token for the key (from $API unless another server's URL is given)
token_for() {
  curl -sf --max-time 10 -H 'Accept: application/json' --data-urlencode 'grant_type=urn:ibm:params:oauth:grant-type:apikey' \
    --data-urlencode "apikey=$1" "${2:-$API}/identity/token" | jq -r .access_token
}

# make_keys <alg> [off]: writes $KEYS (20 values: the admin key and 19 new ones), or $OFF_KEYS for the metrics-off server
make_keys() {
  local alg=$1 variant=${2:-on} admin token iam i code API=$API data=$DATA_DIR keys=$OUT/keys-$alg.txt
  if [ "$variant" = off ]; then API=$OFF_API; data=$OFF_DATA_DIR; keys=$OUT/keys-$alg-off.txt; OFF_KEYS=$keys; else KEYS=$keys; fi
  admin=$(tr -d '[:space:]' < "$data/admin-apikey.txt")
  [ -n "$admin" ] || die "no admin key in $data/admin-apikey.txt"
  token=$(token_for "$admin" || true)
  [ -n "$token" ] && [ "$token" != null ] || die "the admin key got no access token"
  iam=$(curl -sf --max-time 10 -H "Authorization: Bearer $token" "$API/v1/apikeys" | jq -r '.apikeys[0].iam_id' || true)
  [ -n "$iam" ] && [ "$iam" != null ] || die "cannot read the admin's iam_id from GET /v1/apikeys"
  printf '%s\n' "$admin" > "$keys"
  for i in $(seq 1 19); do
    code=$(curl -s --max-time 10 -o "$OUT/.resp" -w '%{http_code}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"name\":\"bench-$i\",\"iam_id\":\"$iam\"}" "$API/v1/apikeys")
    [ "$code" = 201 ] || { cat "$OUT/.resp" >&2; die "POST /v1/apikeys: HTTP $code"; }
    jq -r .apikey "$OUT/.resp" >> "$keys"
  done
  [ "$(grep -c . "$keys")" = 20 ] || die "expected 20 keys in $keys"
  chmod 600 "$keys"
  [ "$variant" = off ] && return 0
  # Facts about what is being measured: one token and one details answer.
  local body
  body=$(curl -s --max-time 10 -w '\n%{size_download}' --data-urlencode 'grant_type=urn:ibm:params:oauth:grant-type:apikey' \
    --data-urlencode "apikey=$(sed -n 2p "$KEYS")" "$API/identity/token")
  fact "latchkey.$alg.token_response_bytes=$(tail -1 <<< "$body") jwt_header=$(b64url "$(head -1 <<< "$body" | jq -r .access_token | cut -d. -f1)" | jq -c . || true)"
  body=$(curl -s --max-time 10 -w '\n%{size_download}' -H "Authorization: Bearer $token" -H "IAM-ApiKey: $(sed -n 2p "$KEYS")" \
    "$API/v1/apikeys/details")
  fact "latchkey.$alg.details_response_bytes=$(tail -1 <<< "$body") name=$(head -1 <<< "$body" | jq -r .name)"
}

# run_latchkey <alg> <with_bare>: token runs alternating with SignRate runs, then details runs alternating with
# bare JSON runs (when <with_bare> is 1), so that both sides of each ratio are measured in the same minutes:
# this machine's speed drifts by 10-20 % over minutes (other tenants of the host), which a block of server runs
# followed by a block of ceiling runs would turn into an error in the ratio.
run_latchkey() {
  local alg=$1 with_bare=$2 r
  start_latchkey "$alg"
  make_keys "$alg"
  if [ "$METRICS_OFF" = 1 ]; then
    start_latchkey "$alg" off
    make_keys "$alg" off
  fi
  LK_KEYS_FILE=$KEYS; export LK_KEYS_FILE
  warm_up "$SRV_PID" "latchkey-$alg" token token.lua "$API/identity/token"
  if [ -n "$OFF_PID" ]; then LK_KEYS_FILE=$OFF_KEYS warm_up "$OFF_PID" "latchkey-off-$alg" token token.lua "$OFF_API/identity/token"; fi
  # The metrics-on and metrics-off runs of a pair swap places from one repeat to the next (on first in odd repeats,
  # off first in even ones), so that what comes first or second in a pair (the other server's warm-up just before,
  # SignRate between them) weighs on both alike.
  for r in $(seq 1 "$REPEAT"); do
    if [ -n "$OFF_PID" ] && [ $((r % 2)) = 0 ]; then
      LK_KEYS_FILE=$OFF_KEYS bench "$OFF_PID" "latchkey-off-$alg" token "$r" "$DURATION" token.lua "$OFF_API/identity/token"
    fi
    bench "$SRV_PID" "latchkey-$alg" token "$r" "$DURATION" token.lua "$API/identity/token"
    run_signrate "$alg" "$r"
    if [ -n "$OFF_PID" ] && [ $((r % 2)) = 1 ]; then
      LK_KEYS_FILE=$OFF_KEYS bench "$OFF_PID" "latchkey-off-$alg" token "$r" "$DURATION" token.lua "$OFF_API/identity/token"
    fi
  done
  trim_log "$LK_LOG"
  LK_TOKEN=$(token_for "$(head -1 "$KEYS")"); export LK_TOKEN       # valid for 3600 s, longer than the runs
  [ -n "$LK_TOKEN" ] && [ "$LK_TOKEN" != null ] || die "no bearer token for the details runs"
  warm_up "$SRV_PID" "latchkey-$alg" details details.lua "$API/v1/apikeys/details"
  local off_token=""
  if [ -n "$OFF_PID" ]; then
    trim_log "$OFF_LOG"
    off_token=$(token_for "$(head -1 "$OFF_KEYS")" "$OFF_API")
    [ -n "$off_token" ] && [ "$off_token" != null ] || die "no bearer token for the metrics-off details runs"
    LK_KEYS_FILE=$OFF_KEYS LK_TOKEN=$off_token warm_up "$OFF_PID" "latchkey-off-$alg" details details.lua "$OFF_API/v1/apikeys/details"
  fi
  # The bare server gets the very request details gets (details.lua: the bearer token and IAM-ApiKey headers,
  # which it ignores), so the ratio compares Latchkey's own work, not the cost of parsing IBM's headers
  # (decision 0012). /bare is a direct route like details (decision 0013); /bare-javalin, the same answer
  # through Javalin's servlet layer as every other route is served, is measured for reference.
  if [ "$with_bare" = 1 ]; then
    warm_up "$BARE_PID" bare bare details.lua "$BARE_URL"
    warm_up "$BARE_PID" bare bare-javalin details.lua "$BARE_JAVALIN_URL"
  fi
  for r in $(seq 1 "$REPEAT"); do
    if [ -n "$OFF_PID" ] && [ $((r % 2)) = 0 ]; then
      LK_KEYS_FILE=$OFF_KEYS LK_TOKEN=$off_token bench "$OFF_PID" "latchkey-off-$alg" details "$r" "$DURATION" details.lua \
        "$OFF_API/v1/apikeys/details"
    fi
    bench "$SRV_PID" "latchkey-$alg" details "$r" "$DURATION" details.lua "$API/v1/apikeys/details"
    if [ -n "$OFF_PID" ] && [ $((r % 2)) = 1 ]; then
      LK_KEYS_FILE=$OFF_KEYS LK_TOKEN=$off_token bench "$OFF_PID" "latchkey-off-$alg" details "$r" "$DURATION" details.lua \
        "$OFF_API/v1/apikeys/details"
    fi
    if [ "$with_bare" = 1 ]; then
      bench "$BARE_PID" bare bare "$r" "$DURATION" details.lua "$BARE_URL"
      bench "$BARE_PID" bare bare-javalin "$r" "$DURATION" details.lua "$BARE_JAVALIN_URL"
    fi
  done
  if [ "$PROFILE" = 1 ] && [ "$with_bare" = 1 ]; then profile_details "$alg"; fi
  trim_log "$LK_LOG"
  metrics_fact "$alg"
  fact "latchkey.$alg.after_load_rss_mb=$(( $(rss_kb "$SRV_PID" VmRSS) / 1024 )) peak_hwm_mb=$(( $(rss_kb "$SRV_PID" VmHWM) / 1024 ))"
  stop_pid "$SRV_PID" "Latchkey ($alg)"; SRV_PID=""
  fact "latchkey.$alg.server_warnings_or_errors=$(grep -cE ' (WARN|ERROR) ' "$LK_LOG.kept" || true) (see $LK_LOG.kept)"
  if [ -n "$OFF_PID" ]; then
    trim_log "$OFF_LOG"
    stop_pid "$OFF_PID" "Latchkey ($alg, metrics off)"; OFF_PID=""
    fact "latchkey.$alg.metrics_off.server_warnings_or_errors=$(grep -cE ' (WARN|ERROR) ' "$OFF_LOG.kept" || true) (see $OFF_LOG.kept)"
  fi
}

# metrics_fact <alg>: one scrape of the measured server's management port after its load, as Prometheus would
# make it: its time and size, and what it counted of the runs' requests (it is not scraped during them)
metrics_fact() {
  local f=$OUT/metrics-$1.txt took
  took=$(curl -s --max-time 10 -o "$f" -w '%{time_total} %{size_download}' "http://127.0.0.1:$MGMT_PORT/metrics" || true)
  fact "latchkey.$1.metrics: one scrape of http://127.0.0.1:$MGMT_PORT/metrics $(awk '{printf "in %.1f ms, %d bytes", $1 * 1000, $2}' <<< "$took");\
 tokens issued $(awk '/^latchkey_token_exchanges_seconds_count[{].*outcome="issued"/ {s += $NF} END {printf "%d", s}' "$f"),\
 key details found $(awk '/^latchkey_key_details_total[{]outcome="found"[}]/ {printf "%d", $NF}' "$f")"
}

# ---------------------------------------------------------------- profile (PROFILE=1)
AP_LIB=""
ensure_profiler() { # unpacks async-profiler's native library into $OUT, fetching its jar with Maven if needed
  [ -n "$AP_LIB" ] && return 0
  local jar=$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar
  if [ ! -f "$jar" ]; then
    mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" \
      > "$OUT/profiler-fetch.log" 2>&1 || return 1
  fi
  (cd "$OUT" && "$JDK/bin/jar" xf "$jar" linux-x64/libasyncProfiler.so) || return 1
  AP_LIB=$OUT/linux-x64/libasyncProfiler.so
}

# profiled <pid> <name> <url>: one DURATION-long details.lua run with the profiler attached to <pid> (jcmd);
# collapsed stacks in $OUT/profile-<name>.collapsed; sets PROFILED_US (server CPU µs per request)
profiled() {
  local pid=$1 name=$2 url=$3 k0 k1 n
  wait_quiet "$pid"
  "$JDK/bin/jcmd" "$pid" JVMTI.agent_load "$AP_LIB" '"start,event=itimer,interval=1ms"' > "$OUT/profile-$name.jcmd" 2>&1 \
    || true   # a failed attach leaves no stacks, which profile_details reports
  k0=$(proc_ticks "$pid")
  LK_LUA_DIR=$LUA timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -s "$LUA/details.lua" "$url" \
    > "$OUT/wrk-profile-$name.txt" 2>&1 || true
  k1=$(proc_ticks "$pid")
  "$JDK/bin/jcmd" "$pid" JVMTI.agent_load "$AP_LIB" "\"stop,file=$OUT/profile-$name.collapsed,collapsed\"" \
    >> "$OUT/profile-$name.jcmd" 2>&1 || true
  n=$(grep -o 'RESULT requests=[0-9]*' "$OUT/wrk-profile-$name.txt" | cut -d= -f2 || true)
  PROFILED_US=$(awk -v k="$((k1 - k0))" -v n="${n:-0}" -v hz="$CLK_TCK" 'BEGIN{printf "%.0f", n ? k / hz * 1e6 / n : 0}')
}

share() { # share <collapsed file> <frame>: per cent of the samples whose stack holds <frame>
  awk -v pat="$2" '{n=$NF; t+=n; if (index($0, pat)) s+=n} END{printf "%.1f %%", t ? 100 * s / t : 0}' "$1"
}

profile_details() { # profile_details <alg>: details, then bare, each profiled once; the shares become facts
  ensure_profiler || { log "PROFILE: no async-profiler $AP_VERSION (see $OUT/profiler-fetch.log); not profiled"; return 0; }
  local d=$OUT/profile-details.collapsed b=$OUT/profile-bare.collapsed du
  profiled "$SRV_PID" details "$API/v1/apikeys/details"; du=$PROFILED_US
  profiled "$BARE_PID" bare "$BARE_URL"
  [ -s "$d" ] && [ -s "$b" ] || { log "PROFILE: the profiler wrote no stacks (see $OUT/profile-*.jcmd)"; return 0; }
  fact "profile.details.$1: ${du} µs server CPU per request under the profiler; of its samples: the route $(share "$d" \
ApiKeyRoutes.details), the bearer check $(share "$d" AccessTokenVerifier.authenticate), the access line \
$(share "$d" HttpServer.logAccess) and its writer thread $(share "$d" BatchingConsoleAppender.writeLoop), Jetty's \
request parsing $(share "$d" HttpParser), the answer's write $(share "$d" Exchange.complete)"
  fact "profile.bare: ${PROFILED_US} µs server CPU per request under the profiler; of its samples: Jetty's request \
parsing $(share "$b" HttpParser), the answer's write $(share "$b" Exchange.complete) (stacks: $OUT/profile-*.collapsed)"
}

# ---------------------------------------------------------------- ceilings
run_signrate() { # run_signrate <alg> <rep> [label]: one SignRate run (a new JVM with SIGN_WARMUP s of warm-up); its row
  # in sign.tsv is under <label> (default <alg>), so that the drift checks around Keycloak stay out of the medians
  local alg=$1 r=$2 label=${3:-$1} out line
  wait_quiet "$SRV_PID"
  out=$OUT/signrate-$label-$r.txt
  log "SignRate $alg, $SIGN_THREADS threads, ${SIGN_WARMUP}s warm-up + ${DURATION}s"
  # shellcheck disable=SC2086
  run_child timeout $((SIGN_WARMUP + DURATION + 60)) "$JAVA" $SERVER_JAVA_OPTS -cp "$BENCH_JAR" dev.latchkey.bench.SignRate \
    "$alg" "$SIGN_THREADS" "$DURATION" "$SIGN_WARMUP" > "$out" 2>&1 || { cat "$out" >&2; die "SignRate $alg failed"; }
  line=$(grep '^RESULT' "$out" || true)
  [ -n "$line" ] || { cat "$out" >&2; die "SignRate printed no RESULT line"; }
  log "$line"
  awk -v alg="$label" -v rep="$r" -v res="$line" 'BEGIN{n=split(res,kv," "); for(i=2;i<=n;i++){split(kv[i],p,"="); v[p[1]]=p[2]}
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", alg, rep, v["threads"], v["signs_per_s"], v["cpu_cores"], v["cpu_us_per_sign"], v["provider"]}' >> "$SIGNS"
}

BARE_URL=http://127.0.0.1:$BARE_PORT/bare
BARE_JAVALIN_URL=http://127.0.0.1:$BARE_PORT/bare-javalin
start_bare() { # BareJsonServer, left running (idle) until the first algorithm's details runs are done
  local logf=$OUT/bare.log
  port_free "$BARE_PORT" || die "something already listens on 127.0.0.1:$BARE_PORT (set BARE_PORT)"
  wait_quiet ""
  log "starting BareJsonServer on port $BARE_PORT"
  # shellcheck disable=SC2086
  "$JAVA" $SERVER_JAVA_OPTS -cp "$BENCH_JAR" dev.latchkey.bench.BareJsonServer --host 127.0.0.1 --port "$BARE_PORT" \
    >> "$logf" 2>&1 < /dev/null &
  BARE_PID=$!
  wait_ready "$BARE_PID" "http://127.0.0.1:$BARE_PORT/health" "$logf" "BareJsonServer"
  fact "bare.response_bytes=$(curl -s -o /dev/null -w '%{size_download}' "$BARE_URL") ($(grep -o 'access log [^)]*)' "$logf" | head -1))"
}

stop_bare() {
  fact "bare.after_load_rss_mb=$(( $(rss_kb "$BARE_PID" VmRSS) / 1024 ))"
  stop_pid "$BARE_PID" "BareJsonServer"; BARE_PID=""
}

# ---------------------------------------------------------------- Keycloak peer
run_keycloak() {
  if [ -n "$KC_SUMMARY" ]; then
    [ -f "$KC_SUMMARY" ] || die "KC_SUMMARY=$KC_SUMMARY does not exist"
    KC_STATUS="from $KC_SUMMARY (not measured in this run)"
    return 0
  fi
  [ "$PEERS" = 0 ] && return 0
  if [ ! -f "$KC_SCRIPT" ]; then
    log "WARNING: no Keycloak script at $KC_SCRIPT (set SHARED); Keycloak rows stay empty"
    KC_STATUS="not run: $KC_SCRIPT missing"
    return 0
  fi
  if [ "${KC_SIGN_CHECK:-1}" = 1 ]; then run_signrate RS256 1 RS256@before-keycloak; fi
  wait_quiet ""
  log "running the Keycloak peer: $KC_SCRIPT (MODES=prod TESTS='token introspect'); log in $OUT/keycloak-run.log"
  if run_child env MODES=prod TESTS="token introspect" WARMUP="$WARMUP" DURATION="$DURATION" REPEAT="$REPEAT" \
       THREADS="$THREADS" CONNS="$CONNS" KC_JAVA_HOME="${KC_JAVA_HOME:-$JDK}" OUT="$OUT/keycloak" bash "$KC_SCRIPT" > "$OUT/keycloak-run.log" 2>&1; then
    KC_SUMMARY=$OUT/keycloak/summary.txt
    KC_STATUS="measured in this run (prod mode)"
  else
    log "WARNING: the Keycloak run failed (see $OUT/keycloak-run.log); Keycloak rows stay empty"
    KC_STATUS="failed (see $OUT/keycloak-run.log)"
  fi
  if [ "${KC_SIGN_CHECK:-1}" = 1 ]; then run_signrate RS256 1 RS256@after-keycloak; fi
}

# kc_drift: the machine's drift across Keycloak's minutes, from the SignRate runs just before and just after it,
# against the median SignRate of Latchkey's token runs; and the Keycloak ratio with each side over its own sign rate
kc_drift() {
  local before after lk
  before=$(sign_row RS256@before-keycloak | awk '{print $1}'); after=$(sign_row RS256@after-keycloak | awk '{print $1}')
  lk=$(sign_row RS256 | awk '{print $1}')
  [ -n "$before" ] && [ -n "$after" ] && [ -n "$lk" ] || return 0
  awk -v b="$before" -v a="$after" -v l="$lk" -v t="${1:-}" -v k="${2:-}" 'BEGIN{
    m=(a+b)/2; printf "keycloak.drift: SignRate RS256 %.0f signs/s just before Keycloak, %.0f just after (%+.1f%%), %.0f beside Latchkey'"'"'s token runs (Keycloak'"'"'s minutes %+.1f%% against them)", b, a, (a-b)/b*100, l, (m-l)/l*100
    if (t != "" && k != "") printf "; token RS256 / Keycloak tokens with each over its own minutes'"'"' sign rate: %.2f×", (t/l)/(k/m)
    printf "\n"}'
}

# kc_row <test>: "rps p50 p99 cpu" from Keycloak's summary.txt (columns mode test n req/s p50 p90 p99 non2xx
# B/req kcCPU wrkCPU other rssMB; the facts above the table have no "prod" first field)
kc_row() {
  [ -n "$KC_SUMMARY" ] && [ -f "$KC_SUMMARY" ] || return 0
  awk -v t="$1" '$1=="prod" && $2==t && NF>=13 {print $4, $5, $7, $10; exit}' "$KC_SUMMARY"
}

# ---------------------------------------------------------------- report
# lk_row <target> <test>: "rps p50 p99 srv_cpu errors n wrk_cpu other_cpu p999", medians over the measured runs
# (errors: non-2xx answers plus socket errors, summed)
lk_row() {
  awk -F'\t' -v t="$1" -v s="$2" '
    function med(c,   i,j,x,a){for(i=1;i<=n;i++)a[i]=v[c,i]+0; for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]<a[i]){x=a[i];a[i]=a[j];a[j]=x}
      return (n%2)?a[(n+1)/2]:(a[n/2]+a[n/2+1])/2}
    NR>1 && $1==t && $2==s {n++; for(c=1;c<=NF;c++) v[c,n]=$c; bad+=$13+$14}
    END{if(n) printf "%.1f %.2f %.2f %.2f %d %d %.2f %.2f %s\n", med(8), med(9), med(11), med(16), bad, n, med(17), med(18),
      (v[22,1] == "" ? "—" : sprintf("%.2f", med(22)))}' "$SUMMARY"
}
sign_row() { # sign_row <alg>: "signs_per_s cpu_cores us_per_sign n provider"
  awk -F'\t' -v a="$1" '
    function med(c,   i,j,x,b){for(i=1;i<=n;i++)b[i]=v[c,i]+0; for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(b[j]<b[i]){x=b[i];b[i]=b[j];b[j]=x}
      return (n%2)?b[(n+1)/2]:(b[n/2]+b[n/2+1])/2}
    NR>1 && $1==a {n++; for(c=1;c<=NF;c++) v[c,n]=$c; p=$7}
    END{if(n) printf "%.1f %.2f %.1f %d %s\n", med(4), med(5), med(6), n, p}' "$SIGNS"
}

fmt_int() { awk -v x="$1" 'BEGIN{s=sprintf("%.0f", x); out=""; while(length(s)>3){out="," substr(s,length(s)-2) out; s=substr(s,1,length(s)-3)} print s out}'; }

# notes for a wrk row of write_results: runs, CPU of wrk and of everything else, errors
notes() {
  printf '%s µs server CPU per request; runs: %s; wrk %s cores, other processes %s cores' \
    "$(awk -v c="$cpu" -v r="$rps" 'BEGIN{printf "%.0f", (r>0 ? c*1e6/r : 0)}')" "$n" "$wcpu" "$ocpu"
  if [ "$bad" -gt 0 ]; then printf '; **%s non-2xx or socket errors**' "$bad"; fi
}

write_results() {
  local sec=$OUT/results-section.md title kind a row rps p50 p99 cpu bad n wcpu ocpu us prov
  local -A R P P9   # req/s, p99 and p99.9 by name, for the ratios and the tail targets
  if [ "$SMOKE" = 1 ]; then kind="smoke run, not a measurement (WARMUP=${WARMUP}s < 30 s)"; else kind="measurement"; fi
  title="### $RUN_DATE · $kind"
  {
    echo "$title"
    echo
    echo "- date: $RUN_DATE"
    echo "- machine: $(host_line)"
    echo "- JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/{print $2; exit}') ($JDK)"
    echo "- commit: $COMMIT (branch $(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'))"
    echo "- settings: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $THREADS threads, $CONNS connections, warm-up ${WARMUP}s, $REPEAT × ${DURATION}s per row (median), SignRate on $SIGN_THREADS threads after ${SIGN_WARMUP}s warm-up; server JVM options: the shipped ones (\`$(shipped_java_opts | sed "s|$ROOT/||g")\`)${SERVER_JAVA_OPTS:+ and '$SERVER_JAVA_OPTS'}; access log: $ACCESS_LOG; algorithms: $ALGS"
    echo "- wrk, the server and everything else share the same $(nproc) cores (loopback); the server CPU column is the server process alone"
    echo "- metrics: on in the Latchkey rows (as shipped: management port $MGMT_PORT, not scraped during the runs), off (\`--management-port 0\`) in the rows that say so, each run paired with an on run, the pair's order swapping from one repeat to the next$([ "${METRICS_OFF:-1}" = 1 ] || echo '; not run (METRICS_OFF=0)')"
    echo "- Keycloak: $KC_STATUS"
    echo "- raw outputs: \`$OUT\` (not kept in the repository)"
    echo
    echo "| what | req/s (median) | p50 ms | p99 ms | p99.9 ms | server CPU cores | notes |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    for a in RS256 ES256; do
      row=$(lk_row "latchkey-$a" token)
      if [ -n "$row" ]; then
        read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"; R[token_$a]=$rps; P[token_$a]=$p99; P9[token_$a]=$p999
        echo "| Latchkey token $a (\`POST /identity/token\`) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
      else echo "| Latchkey token $a (\`POST /identity/token\`) | — | — | — | — | — | not run (ALGS=$ALGS) |"; fi
    done
    for a in RS256 ES256; do
      row=$(lk_row "latchkey-$a" details)
      [ -n "$row" ] || continue
      read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"
      if [ -z "${R[details]:-}" ]; then R[details]=$rps; R[details_alg]=$a; P[details]=$p99; P9[details]=$p999; fi
      echo "| Latchkey details (\`GET /v1/apikeys/details\`, $a server) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
    done
    for a in RS256 ES256; do
      row=$(lk_row "latchkey-off-$a" token)
      [ -n "$row" ] || continue
      read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"; R[token_off_$a]=$rps
      echo "| Latchkey token $a, metrics off (\`--management-port 0\`) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
    done
    row=$(lk_row "latchkey-off-${R[details_alg]:-RS256}" details)
    if [ -n "$row" ]; then
      read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"; R[details_off]=$rps
      echo "| Latchkey details, metrics off (\`--management-port 0\`, ${R[details_alg]:-RS256} server) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
    fi
    row=$(lk_row bare bare)
    if [ -n "$row" ]; then
      read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"; R[bare]=$rps
      echo "| bare JSON (\`BareJsonServer\` \`GET /bare\`: a direct route on the stack details runs on, fixed body, no access log; the details request, headers ignored) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
    fi
    row=$(lk_row bare bare-javalin)
    if [ -n "$row" ]; then
      read -r rps p50 p99 cpu bad n wcpu ocpu p999 <<< "$row"
      echo "| bare JSON through Javalin (\`GET /bare-javalin\`, the servlet layer every other route runs on; same request, for reference) | $(fmt_int "$rps") | $p50 | $p99 | $p999 | $cpu | $(notes) |"
    fi
    for a in RS256 ES256; do
      row=$(sign_row "$a")
      if [ -n "$row" ]; then
        read -r rps cpu us n prov <<< "$row"; R[sign_$a]=$rps
        echo "| sign rate $a (\`SignRate\`, $SIGN_THREADS threads, no HTTP, no wrk) | $(fmt_int "$rps") signs/s | — | — | — | $cpu | ${us} µs CPU per sign; $prov; runs: $n |"
      else echo "| sign rate $a (\`SignRate\`) | — | — | — | — | — | not run (ALGS=$ALGS) |"; fi
    done
    row=$(kc_row token)
    if [ -n "$row" ]; then read -r rps p50 p99 cpu <<< "$row"; R[kc_token]=$rps
      echo "| Keycloak client_credentials (prod mode) | $(fmt_int "$rps") | $p50 | $p99 | — | $cpu | Keycloak's own summary |"
    else echo "| Keycloak client_credentials (prod mode) | — | — | — | — | — | $KC_STATUS |"; fi
    row=$(kc_row introspect)
    if [ -n "$row" ]; then read -r rps p50 p99 cpu <<< "$row"; R[kc_intro]=$rps
      echo "| Keycloak introspection (prod mode) | $(fmt_int "$rps") | $p50 | $p99 | — | $cpu | Keycloak's own summary |"
    else echo "| Keycloak introspection (prod mode) | — | — | — | — | — | $KC_STATUS |"; fi
    echo
    echo "Targets$([ "$SMOKE" = 1 ] && echo " (smoke numbers: the verdicts below mean nothing)"):"
    echo
    echo "| ratio | value | target | verdict |"
    echo "|---|---:|---:|---|"
    ratio "token RS256 / Keycloak tokens" "${R[token_RS256]:-}" "${R[kc_token]:-}" 5 x
    ratio "token RS256 / sign rate RS256 (same cores; issue #17: at the p99 below)" "${R[token_RS256]:-}" "${R[sign_RS256]:-}" 0.80 %
    ratio "token ES256 / Keycloak tokens" "${R[token_ES256]:-}" "${R[kc_token]:-}" 15 x
    ratio "details (${R[details_alg]:-?} server) / Keycloak introspection" "${R[details]:-}" "${R[kc_intro]:-}" 4 x
    ratio "details (${R[details_alg]:-?} server) / bare JSON (same request)" "${R[details]:-}" "${R[bare]:-}" 0.70 %
    ratio "token RS256 metrics on / off (same run)" "${R[token_RS256]:-}" "${R[token_off_RS256]:-}" 0.97 %.1
    ratio "token ES256 metrics on / off (same run)" "${R[token_ES256]:-}" "${R[token_off_ES256]:-}" 0.97 %.1
    ratio "details (${R[details_alg]:-?} server) metrics on / off (same run)" "${R[details]:-}" "${R[details_off]:-}" 0.97 %.1
    tail_target "token RS256 p99 at saturation, $CONNS connections (p99.9: ${P9[token_RS256]:-—} ms)" "${P[token_RS256]:-}" 10
    tail_target "token ES256 p99 at saturation (p99.9: ${P9[token_ES256]:-—} ms)" "${P[token_ES256]:-}" 5
    tail_target "details p99 at saturation (p99.9: ${P9[details]:-—} ms)" "${P[details]:-}" 5
    echo
    echo "Facts:"
    echo
    sed 's/^/    /' "$FACTS"
    kc_drift "${R[token_RS256]:-}" "${R[kc_token]:-}" | sed 's/^/    /'
    echo
    for stage in $STAGES; do
      if [ -f "$OUT/section-$stage.md" ]; then cat "$OUT/section-$stage.md"; echo; fi
    done
  } > "$sec"
  merge_results "$sec"
}

# tail_target <label> <p99 ms> <target ms>: one row of the targets table (issue #17: p99 under the target)
tail_target() {
  if [ -z "$2" ]; then echo "| $1 | n/a | < $3 ms | not measured |"; return; fi
  awk -v l="$1" -v v="$2" -v t="$3" 'BEGIN{printf "| %s | %.2f ms | < %s ms | %s |\n", l, v, t, (v < t ? "met" : "not met")}'
}

# ratio <label> <numerator> <denominator> <target> <x|%|%.1>  (%.1: a per cent with one decimal)
ratio() {
  local label=$1 a=$2 b=$3 target=$4 unit=$5
  if [ -z "$a" ] || [ -z "$b" ] || awk -v b="$b" 'BEGIN{exit !(b+0==0)}'; then
    echo "| $label | n/a | $( [ "$unit" = x ] && echo "≥ ${target}×" || awk -v t="$target" 'BEGIN{printf "≥ %.0f%%", t*100}') | not measured |"
    return
  fi
  awk -v a="$a" -v b="$b" -v t="$target" -v u="$unit" -v l="$label" 'BEGIN{r=a/b
    if(u=="x"){v=sprintf("%.2f×", r); g=sprintf("≥ %s×", t)} else if(u=="%.1"){v=sprintf("%.1f%%", r*100); g=sprintf("≥ %.0f%%", t*100)} else {v=sprintf("%.0f%%", r*100); g=sprintf("≥ %.0f%%", t*100)}
    printf "| %s | %s | %s | %s |\n", l, v, g, (r>=t ? "met" : "not met")}'
}

# Puts the new section first under "## Latest run" and moves what was there below "## Earlier runs"
# (unless it is the same run, re-written).
merge_results() {
  local sec=$1 tmp=$RESULTS.tmp.$$ old_latest="" older=""
  if [ -f "$RESULTS" ]; then
    if grep -q '^## Latest run' "$RESULTS"; then
      old_latest=$(awk '/^## Latest run/{f=1; next} /^## Earlier runs/{f=0} f' "$RESULTS")
      older=$(awk 'f; /^## Earlier runs/{f=1}' "$RESULTS")
      # Re-writing the same run (REPORT_FROM) replaces its section instead of keeping two copies.
      if [ "$(grep -m1 '^### ' <<< "$old_latest" | sed 's/ · .*//')" = "### $RUN_DATE" ]; then old_latest=""; fi
    else
      older=$(grep -v '^# ' "$RESULTS" || true)     # a hand-written file: keep all of it, without its title
    fi
  fi
  {
    echo "# Latchkey benchmark results"
    echo
    echo "Written by \`bench/run.sh\` (see \`bench/README.md\`); the newest run first. Runs with a warm-up under 30 s are"
    echo "smoke runs that prove the scripts work; their numbers are not measurements."
    echo
    echo "## Latest run"
    echo
    cat "$sec"
    echo "## Earlier runs"
    printf '%s\n' "$old_latest" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
    if [ -n "$older" ]; then printf '%s\n' "$older"; fi
  } | cat -s > "$tmp"
  mv "$tmp" "$RESULTS"
  log "wrote $RESULTS"
}

# ---------------------------------------------------------------- main
if [ -n "${REPORT_FROM:-}" ]; then
  write_results
  exit 0
fi
ensure_tools
JDK=$(find_jdk || true)
[ -n "$JDK" ] || die "no JDK 21+ found (JAVA_HOME, java on PATH, /usr/lib/jvm/*)"
JAVA=$JDK/bin/java
ensure_jars "$ROOT" "$JDK" "$OUT/build.log" app,bench "$APP_JAR" "$BENCH_JAR"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain -- . ':!bench/RESULTS.md' 2>/dev/null)" ]; then COMMIT="$COMMIT (with uncommitted changes)"; fi

fact "host: $(host_line)"
fact "java=$("$JAVA" -version 2>&1 | sed -n 2p) at $JDK"
fact "commit=$COMMIT"
fact "load: threads=$THREADS conns=$CONNS warmup=${WARMUP}s duration=${DURATION}s repeat=$REPEAT algs='$ALGS' sign_threads=$SIGN_THREADS peers=$PEERS smoke=$SMOKE profile=$PROFILE metrics_off=$METRICS_OFF"
log "outputs in $OUT"

run_stages
start_bare
with_bare=1
for ALG in $ALGS; do
  log "================ Latchkey $ALG (token runs alternate with SignRate, details runs$([ $with_bare = 1 ] && echo ' with bare JSON'))"
  run_latchkey "$ALG" "$with_bare"
  if [ "$with_bare" = 1 ]; then stop_bare; with_bare=0; fi
done
log "================ Keycloak"
run_keycloak
declare -p WARMUP DURATION REPEAT THREADS CONNS ALGS PEERS SIGN_THREADS SIGN_WARMUP SERVER_JAVA_OPTS ACCESS_LOG SMOKE MGMT_PORT METRICS_OFF STAGES \
  KC_STATUS KC_SUMMARY COMMIT JDK JAVA RUN_DATE > "$OUT/report.env"

{
  echo
  echo "== facts"; cat "$FACTS"
  echo
  echo "== per-run rows: $SUMMARY"; column -t -s $'\t' "$SUMMARY" 2>/dev/null || cat "$SUMMARY"
  echo
  echo "== SignRate: $SIGNS"; column -t -s $'\t' "$SIGNS" 2>/dev/null || cat "$SIGNS"
} | tee "$OUT/summary.txt" >&2 || true
write_results
log "done; outputs in $OUT"
