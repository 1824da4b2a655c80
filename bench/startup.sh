#!/usr/bin/env bash
# Start-up and footprint of `./latchkey serve` as shipped (app/jvm.options, the class data sharing archive beside
# the jar), on embedded H2, loopback only (decision record 0037). Measures, STARTS times each:
#   fresh     start to the first 200 of GET /health on a new, empty data directory (first start: migrations,
#             signing key, admin account and key)
#   existing  the same on a data directory an earlier start made (stop, start again on it)
# and on each existing start the server's resident memory (VmRSS) after IDLE_S seconds of idling, and its CPU
# seconds at the first 200. Medians against the targets: fresh < 2 s, existing < 1.5 s, idle RSS < 150 MB.
# One untimed start first makes the class cache when it is missing (the AOT cache on JDK 25+, else the class data
# sharing archive; written when that server stops) and warms the file cache. Every process it starts
# is stopped by its PID (trap); raw outputs go to $OUT, never into the repository.
#
# Env knobs (defaults in brackets):
#   STARTS [5]  IDLE_S [10]  PORT [18120]  MGMT_PORT [19120]  JAVA_HOME [the launcher's choice]
#   COMPARE [0] (1: the same starts with `java -jar` and no options at all, as before decision 0037, for reference)
#   OUT [${TMPDIR:-/tmp}/latchkey-startup/<time>]  SECTION [$OUT/section.md]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
STARTS=${STARTS:-5}
IDLE_S=${IDLE_S:-10}
PORT=${PORT:-18120}
MGMT_PORT=${MGMT_PORT:-19120}
COMPARE=${COMPARE:-0}
OUT=${OUT:-${TMPDIR:-/tmp}/latchkey-startup/$(date -u +%Y%m%dT%H%M%SZ)}
SECTION=${SECTION:-$OUT/section.md}
for v in STARTS IDLE_S PORT MGMT_PORT COMPARE; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "startup.sh: $v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$STARTS" -ge 1 ] || { echo "startup.sh: STARTS must be >= 1" >&2; exit 2; }
mkdir -p "$OUT"
ROWS=$OUT/starts.tsv
printf 'how\tkind\trun\tstart_s\tcpu_s\trss_mb\n' > "$ROWS"
SRV=""
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
. "$HERE/lib.sh"   # stop_pid
stop_server() { stop_pid "$SRV" "" 60; SRV=""; }   # 60 s, not 30: a server writing its AOT cache at exit takes seconds
trap stop_server EXIT
trap 'exit 130' INT TERM

LAUNCHER=$ROOT/latchkey
"$LAUNCHER" --version > "$OUT/version.txt"   # builds the jar when it is missing or stale (not timed)
JAVA=$(LATCHKEY_PRINT_JAVA_COMMAND=1 "$LAUNCHER" serve | sed -n 1p)   # sed reads it all: head would break the pipe
# the class cache the launcher names for serve: the AOT cache on JDK 25+, the class data sharing archive before
ARCHIVE=$(LATCHKEY_PRINT_JAVA_COMMAND=1 "$LAUNCHER" serve | sed -n 's/^-XX:\(SharedArchiveFile\|AOTCache\|AOTCacheOutput\)=//p' | head -1)
archive_before=$([ -n "$ARCHIVE" ] && [ -f "$ARCHIVE" ] && echo "$(basename "$ARCHIVE") present ($(( $(stat -c %s "$ARCHIVE") / 1048576 )) MB)" || echo "${ARCHIVE:+$(basename "$ARCHIVE") }missing")

# start_one <how> <data dir> <log>: starts the server, waits (<= 120 s) for /health 200; sets SRV, START_S, CPU_S
start_one() {
  local how=$1 data=$2 logf=$3 t0 code=000
  local args=(serve --host 127.0.0.1 --port "$PORT" --management-port "$MGMT_PORT" --data-dir "$data")
  t0=$(date +%s.%N)
  if [ "$how" = shipped ]; then
    env -u LATCHKEY_JAVA_OPTS "$LAUNCHER" "${args[@]}" >> "$logf" 2>&1 < /dev/null &
  else
    "$JAVA" -jar "$ROOT/app/target/latchkey.jar" "${args[@]}" >> "$logf" 2>&1 < /dev/null &
  fi
  SRV=$!
  for _ in $(seq 1 6000); do
    code=$(curl -s -o /dev/null --max-time 1 -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)
    [ "$code" = 200 ] && break
    kill -0 "$SRV" 2>/dev/null || { tail -20 "$logf" >&2; echo "startup.sh: the server exited (see $logf)" >&2; exit 1; }
    sleep 0.01
  done
  [ "$code" = 200 ] || { echo "startup.sh: no 200 from /health within 120 s (see $logf)" >&2; exit 1; }
  START_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
  CPU_S=$(awk -v t="$(getconf CLK_TCK)" '{sub(/^.*\) /,""); printf "%.2f", ($12+$13)/t}' "/proc/$SRV/stat")
}

measure() { # measure <how>: STARTS fresh starts, then STARTS starts on one existing data directory
  local how=$1 i data rss
  for i in $(seq 1 "$STARTS"); do
    data=$(mktemp -d "$OUT/data-$how-fresh-XXXX"); rmdir "$data"
    start_one "$how" "$data" "$OUT/server-$how.log"
    printf '%s\tfresh\t%s\t%s\t%s\t\n' "$how" "$i" "$START_S" "$CPU_S" >> "$ROWS"; log "$how fresh $i: ${START_S}s"
    stop_server
  done
  for i in $(seq 1 "$STARTS"); do
    start_one "$how" "$data" "$OUT/server-$how.log"
    sleep "$IDLE_S"
    rss=$(awk '/^VmRSS:/{printf "%d", $2/1024}' "/proc/$SRV/status")
    printf '%s\texisting\t%s\t%s\t%s\t%s\n' "$how" "$i" "$START_S" "$CPU_S" "$rss" >> "$ROWS"
    log "$how existing $i: ${START_S}s, idle RSS ${rss} MB"
    stop_server
  done
}

median() { # median <how> <kind> <column>
  awk -F'\t' -v h="$1" -v k="$2" -v c="$3" 'NR>1 && $1==h && $2==k && $c!=""{print $c}' "$ROWS" | sort -g \
    | awk '{v[NR]=$1} END{if(NR==0){print ""; exit} print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'
}
verdict() { awk -v v="$1" -v t="$2" 'BEGIN{if(v=="") print "not measured"; else print (v<t ? "met" : "missed") " (" v ")"}'; }

log "untimed first start (makes the class cache when missing: $archive_before)"
start_one shipped "$(mktemp -d "$OUT/data-prime-XXXX")" "$OUT/server-prime.log"; stop_server
measure shipped
[ "$COMPARE" = 1 ] && measure bare

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "#### Start-up and idle footprint (\`./latchkey serve\` as shipped)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); commit $commit; host $(host_line); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/{print $2; exit}')"
  echo "- settings: $STARTS starts each, embedded H2, start = launch of \`./latchkey serve\` to the first 200 of \`GET /health\` (polled every 10 ms); idle RSS = VmRSS ${IDLE_S} s after that; JVM options: \`app/jvm.options\` ($(grep -v '^#' "$ROOT/app/jvm.options" | grep -v '^$' | tr '\n' ' ')); class cache before the runs: $archive_before"
  echo
  echo "| what | start s (median) | server CPU s at /health | idle RSS MB (median) |"
  echo "|---|---:|---:|---:|"
  for how in shipped bare; do
    [ "$how" = bare ] && [ "$COMPARE" != 1 ] && continue
    label=$([ "$how" = shipped ] && echo "as shipped" || echo "\`java -jar\`, no options (reference)")
    echo "| $label, fresh data directory | $(median "$how" fresh 4) | $(median "$how" fresh 5) | — |"
    echo "| $label, existing data directory | $(median "$how" existing 4) | $(median "$how" existing 5) | $(median "$how" existing 6) |"
  done
  echo
  echo "| target | verdict |"
  echo "|---|---|"
  echo "| fresh data directory to /health 200 < 2 s | $(verdict "$(median shipped fresh 4)" 2) |"
  echo "| existing data directory to /health 200 < 1.5 s | $(verdict "$(median shipped existing 4)" 1.5) |"
  echo "| idle RSS < 150 MB | $(verdict "$(median shipped existing 6)" 150) |"
  echo
  echo "Every start: \`$ROWS\`."
  echo
} > "$SECTION"
log "wrote $SECTION"
echo "$SECTION"
