#!/usr/bin/env bash
# Leak response latency across nodes (loopback only): two Latchkey nodes on one PostgreSQL database; for each of
# N keys (action_when_leaked=disable) node B first issues a token (so B has the key cached), then the key is
# reported leaked to node A (POST /v1/leaks), and we measure until node B refuses it at POST /identity/token.
# That is the whole path: intake -> disable in A's transaction -> NOTIFY -> B's cache eviction -> refusal.
# Writes bench/LEAK-LATENCY.md. Every loop is bounded; both servers are stopped by PID on exit.
#   N [15, at most 19: one user holds 20 keys]  PORT_A [18090]  PORT_B [18091]  PGURL [jdbc:postgresql://127.0.0.1:5432/test]  PGUSER [postgres]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-15}
PORT_A=${PORT_A:-18090}
PORT_B=${PORT_B:-18091}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}
PGUSER=${PGUSER:-postgres}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/latchkey-leak-XXXXXX")
SCHEMA="lk_leakbench_$$"
GRANT=urn:ibm:params:oauth:grant-type:apikey
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U "$PGUSER" -d test -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -h 127.0.0.1 -U "$PGUSER" -d test -qc "CREATE SCHEMA $SCHEMA"
export LATCHKEY_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export LATCHKEY_DB_URL="$PGURL?currentSchema=$SCHEMA" LATCHKEY_DB_USER=$PGUSER LATCHKEY_ACCESS_LOG=OFF

start() { # port datadir
  "$ROOT/latchkey" serve --port "$1" --management-port 0 --data-dir "$2" > "$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.5; done
  cat "$2.log" >&2; echo "node on port $1 did not start" >&2; exit 1
}
start "$PORT_A" "$OUT/a"
start "$PORT_B" "$OUT/b"
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
admin_key=$(cat "$OUT/a/admin-apikey.txt")
token=$(curl -sf "$A/identity/token" -d grant_type=$GRANT --data-urlencode "apikey=$admin_key" | jq -r .access_token)
iam_id=$(curl -sf "$A/v1/apikeys" -H "Authorization: Bearer $token" | jq -r '.apikeys[0].iam_id')

now_ms() { date +%s%3N; }
results=()
for i in $(seq 1 "$N"); do
  key=$(curl -sf "$A/v1/apikeys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"leak-$i\",\"iam_id\":\"$iam_id\",\"action_when_leaked\":\"disable\"}" | jq -r .apikey)
  code=$(curl -s -o /dev/null -w '%{http_code}' "$B/identity/token" -d grant_type=$GRANT --data-urlencode "apikey=$key")
  [ "$code" = 200 ] || { echo "node B did not accept a fresh key ($code)" >&2; exit 1; }
  t0=$(now_ms)
  curl -sf "$A/v1/leaks" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "[{\"token\":\"$key\",\"type\":\"latchkey_api_key\",\"url\":\"https://example.com/leak-$i\",\"source\":\"bench\"}]" >/dev/null
  refused=""
  for _ in $(seq 1 5000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$B/identity/token" -d grant_type=$GRANT --data-urlencode "apikey=$key")
    if [ "$code" = 400 ]; then refused=$(( $(now_ms) - t0 )); break; fi
  done
  [ -n "$refused" ] || { echo "node B still accepted key $i after 5000 tries" >&2; exit 1; }
  results+=("$refused")
done

sorted=$(printf '%s\n' "${results[@]}" | sort -n)
min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
median=$(echo "$sorted" | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
p90=$(echo "$sorted" | awk '{a[NR]=$1} END{i=int(NR*0.9); if(i<1)i=1; print a[i]}')
{
  echo "# Leak response latency across nodes"
  echo
  echo "From \`POST /v1/leaks\` on node A to node B refusing the key at \`POST /identity/token\`; two nodes on one"
  echo "PostgreSQL database; the key was cached on B beforehand; cache TTL at its default (5 s), so anything under"
  echo "it comes from the change feed. Measured with curl from a shell (each probe is a new process, so the"
  echo "figures include curl's start-up, a few ms). Target: under 1 s."
  echo
  echo "| date | machine | keys | min ms | median ms | p90 ms | max ms | target met |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| $(date -u '+%Y-%m-%d %H:%M UTC') | $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo) | $N | $min | $median | $p90 | $max | $([ "$max" -lt 1000 ] && echo yes || echo no) |"
  echo
  echo "Raw per-key figures (ms): ${results[*]}"
  echo
  echo "Run it again: \`bench/leak-latency.sh\` (needs PostgreSQL at 127.0.0.1:5432, curl, jq)."
} > "$HERE/LEAK-LATENCY.md"
cat "$HERE/LEAK-LATENCY.md"
