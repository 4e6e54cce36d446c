#!/usr/bin/env bash
# Research prototype (issue 14): builds (once) and starts Apicurio Registry 2.4.2.Final, in-memory H2 storage,
# on 127.0.0.1:$PORT; waits until /apis/ccompat/v7/subjects answers; prints "pid <pid> url <url>".
#   scripts/research/apicurio-registry/start.sh [port]      (WORK=/tmp/research-apicurio-run by default)
# Stop it with: kill <pid>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:-18081}"
work="${WORK:-/tmp/research-apicurio-run}"
mkdir -p "$work"
if [ ! -f "$work/target/apicurio-runner-1-runner.jar" ]; then
  cp -r "$here/pom.xml" "$here/src" "$work/"
  start=$(date +%s)
  (cd "$work" && mvn -B -q package -DskipTests) >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
  echo "[apicurio] built in $(( $(date +%s) - start )) s: $work/target" >&2
fi
start=$(date +%s%N)
nohup java -Xmx256m -XX:+UseSerialGC -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -jar "$work/target/apicurio-runner-1-runner.jar" >"$work/registry.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/apis/ccompat/v7/subjects" && break
  kill -0 "$pid" 2>/dev/null || { tail -40 "$work/registry.log" >&2; exit 1; }
  sleep 0.25
done
echo "[apicurio] ready after $(( ($(date +%s%N) - start) / 1000000 )) ms, RSS $(ps -o rss= -p "$pid") kB" >&2
echo "pid $pid url http://127.0.0.1:$port"
