#!/usr/bin/env bash
# Builds (once) the Apicurio Registry runner the integration tests start, into a cache directory outside
# the source tree: scripts/test-servers/apicurio-registry/build.sh [dir]
#   dir defaults to $KAFKA_ETL_CACHE/apicurio-2.4.2 or ~/.cache/kafka-etl/apicurio-2.4.2; prints the runner jar.
# `mvn -q package` in a copy of this directory: nothing is installed into ~/.m2 but the downloaded dependencies.
# First build: about 90-110 s and ~130 MB of jars; afterwards it returns at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-${KAFKA_ETL_CACHE:-$HOME/.cache/kafka-etl}/apicurio-2.4.2}"
runner="$dir/target/apicurio-runner-1-runner.jar"
# Rebuilt only when the pom changed since the cached build.
if [ -f "$runner" ] && cmp -s "$here/pom.xml" "$dir/pom.xml"; then
  echo "$runner"
  exit 0
fi
mkdir -p "$dir"
rm -rf "$dir/src" "$dir/target"
cp -r "$here/pom.xml" "$here/src" "$dir/"
start=$(date +%s)
(cd "$dir" && mvn -B -q package -DskipTests) >"$dir/build.log" 2>&1 || { tail -40 "$dir/build.log" >&2; exit 1; }
echo "[apicurio] built in $(( $(date +%s) - start )) s: $runner" >&2
echo "$runner"
