# Shared by the bench scripts (sourced, not run): how they find a JDK, the same way ./latchkey and bench/run.sh do.

# java_major <java>: the feature version of that java (21, 25, ...), or nothing
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2; exit}' | cut -d. -f1; }

# find_jdk: a JAVA_HOME with java and javac 21+: $JAVA_HOME, the java on PATH, then /usr/lib/jvm/* (newest first)
find_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
           $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    c=${c%/}; [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java"); [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge 21 ] && { echo "$c"; return 0; }
  done
  return 1
}
