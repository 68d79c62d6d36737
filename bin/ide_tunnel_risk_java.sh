#!/bin/sh
# Shared by the app's launchers: ide_tunnel_risk_java.sh NAME COMMAND [ARG...]. NAME (the scheme or action)
# leads every FATAL line; COMMAND is the jar's command (modinput, alert).
# Finds Java 17 or later (JAVA_HOME first, then PATH) and runs the app jar. Arguments and stdin pass through
# unchanged; nothing secret is put on the command line. Problems: one FATAL line on stderr (splunkd.log) and
# exit 1.

NAME=$1
COMMAND=$2
shift 2

unset LD_LIBRARY_PATH DYLD_LIBRARY_PATH

BIN_DIR=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
JAR="$BIN_DIR/../lib/ide-tunnel-risk.jar"

if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA=$(command -v java)
else
  echo "FATAL $NAME: no Java found; set JAVA_HOME or put Java 17 or later on PATH" >&2
  exit 1
fi

SPEC=$("$JAVA" -XshowSettings:properties -version 2>&1 </dev/null \
  | sed -n 's/^[[:space:]]*java\.specification\.version = //p' | head -n 1)
MAJOR=${SPEC#1.}
MAJOR=${MAJOR%%.*}
case "$MAJOR" in
  ''|*[!0-9]*)
    echo "FATAL $NAME: cannot tell the Java version of $JAVA; need Java 17 or later" >&2
    exit 1
    ;;
esac
if [ "$MAJOR" -lt 17 ]; then
  echo "FATAL $NAME: Java $SPEC at $JAVA is older than 17; set JAVA_HOME to Java 17 or later" >&2
  exit 1
fi
if [ ! -f "$JAR" ]; then
  echo "FATAL $NAME: $JAR is missing; reinstall the app" >&2
  exit 1
fi

exec "$JAVA" -Xmx256m -jar "$JAR" "$COMMAND" "$@"
