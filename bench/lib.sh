# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run): how they find a JDK (they ask ./latchkey which one it runs on),
# when and how they build the jars they run, and how they stop the processes they start. Each script keeps its own
# knobs' defaults, its own log and die functions (ensure_jars and stop_pid speak through them, so every script's
# output keeps its own form) and its own choice of what to build and which processes to stop.

# host_line: the machine in one line, for a result's facts: its CPUs (model, family and model numbers, and whether
# they have AVX-512, which AWS-LC's RSA uses: an RS256 signature costs about 2.5 times as much without it, so the
# token rows of two hosts of the same name may not compare), memory and kernel
host_line() {
  awk -v cpus="$(nproc)" -v kernel="$(uname -r)" -F': ' '
    /^model name/ && !name {name=$2} /^cpu family/ && !fam {fam=$2} /^model\t/ && !mod {mod=$2}
    /^flags/ && !seen {seen=1; avx="no"; if ($2 ~ /(^| )avx512f( |$)/) avx="yes"}
    /^MemTotal/ {mem=$2}
    END {printf "%s cpus (%s, family %s model %s, AVX-512: %s), %.1f GiB, kernel %s\n", cpus, name, fam, mod, avx, mem/1048576, kernel}
  ' /proc/cpuinfo /proc/meminfo
}

# find_jdk: the JDK ./latchkey runs the server on (its own rule: JAVA_HOME, the java on PATH, then the JDKs under
# /usr/lib/jvm and the like; the first with java and javac 21+), asked with LATCHKEY_PRINT_JAVA_COMMAND=1, which
# builds and starts nothing. So a benchmark builds with, and measures, the JDK a user's `./latchkey serve` gets.
find_jdk() {
  local java
  java=$(LATCHKEY_PRINT_JAVA_COMMAND=1 "$(dirname "${BASH_SOURCE[0]}")/../latchkey" serve 2>/dev/null | sed -n 1p)
  [ -n "$java" ] && [ -x "$java" ] || return 1
  echo "${java%/bin/java}"
}

# jars_stale <root> <jar>...: true when a jar is missing, or when a main source file or a pom.xml under <root> is
# newer than the oldest jar. The oldest counts because a jar may embed the others' classes (the bench jar shades the
# app), so a change that only one jar has caught up with still makes the set stale. Tests, target/ folders, .git
# and the server's data/ folder are not looked at: they do not go into a jar.
jars_stale() {
  local root=$1 older="" jar
  shift
  for jar in "$@"; do
    [ -f "$jar" ] || return 0
    if [ -z "$older" ] || [ "$jar" -ot "$older" ]; then older=$jar; fi
  done
  [ -n "$(find "$root" \( -path "$root/data" -o -name target -o -name .git \) -prune -o \
           \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$older" -print -quit 2>/dev/null)" ]
}

# ensure_jars <root> <jdk> <build log> <modules> <jar>...: does what the BUILD knob asks (auto, the default: build when
# jars_stale says so; always; never), then requires every jar to exist. The build is
# `mvn package -pl <modules> -am` without tests, in <root> on <jdk>, its output in <build log>: a benchmark's console
# should show its own stages, and the log is there (its last 40 lines are shown) when the build fails. Any other BUILD
# value is an error rather than a silent "never", so that a typo cannot measure old jars. Uses the script's log and die.
ensure_jars() {
  local root=$1 jdk=$2 build_log=$3 modules=$4 build=${BUILD:-auto} names="" jar
  shift 4
  case $build in
    never) ;;
    always|auto)
      if [ "$build" = always ] || jars_stale "$root" "$@"; then
        command -v mvn >/dev/null || die "mvn is needed to build the jars"
        for jar in "$@"; do names+="${names:+ and }${jar##*/}"; done
        log "building $names (mvn package -pl $modules -am, tests skipped)"
        (cd "$root" && JAVA_HOME=$jdk mvn -B -q -DskipTests package -pl "$modules" -am) > "$build_log" 2>&1 \
          || { tail -40 "$build_log" >&2; die "build failed (see $build_log)"; }
      fi ;;
    *) die "BUILD must be auto, always or never" ;;
  esac
  for jar in "$@"; do [ -f "$jar" ] || die "jars missing: $* (BUILD=$build)"; done
}

# proc_ticks <pid>: the CPU ticks (utime+stime, in CLK_TCK units) a process has used, 0 when it is gone
proc_ticks() { awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# pg_ticks: "pid ticks" of every process called postgres on this machine (backends, walwriter, checkpointer, ...; other
# users of the server included), one a line, read by one process: a fork per process is slow on busy cores
pg_ticks() {
  local pids; pids=$(pgrep -x postgres || true)
  [ -z "$pids" ] || { cat $(printf '/proc/%s/stat ' $pids) 2>/dev/null || true; } | awk '{pid=$1; sub(/^.*\) /,""); print pid, $12+$13}'
}
# pg_used <pg_ticks before> <pg_ticks after>: the ticks postgres processes used in between. A process that started in
# between (or a process id used again) counts whole; one that ended in between is missed, and does not subtract.
pg_used() { awk 'NR==FNR {b[$1]=$2; next} {d += ($1 in b && $2 >= b[$1]) ? $2 - b[$1] : $2} END {print d+0}' <(echo "$1") <(echo "$2"); }

# stop_pid <pid> [<what> [<seconds>]]: stops a process this script started, by its PID alone (never by name, so that
# nothing else on the machine is touched): SIGTERM, up to <seconds> (30) for it to end, then SIGKILL; then reaps it.
# An empty <pid> or a process already gone is fine, so cleanup traps can call it for whatever they hold. With <what>
# it logs the stop (and a SIGKILL) through the script's log function; without, it is silent.
stop_pid() {
  local pid=$1 what=${2:-} seconds=${3:-30}
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  if [ -n "$what" ]; then log "stopping $what (PID $pid)"; fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    if [ -n "$what" ]; then log "$what did not stop in $seconds s; SIGKILL to PID $pid"; fi
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
