#!/usr/bin/env bash
# Research prototype (issue 13): Spark SQL 4.0.1 in local mode with Hive support, reading the Avro table etl.clicks
# through a running Hive 4.0.1 metastore (start it with ../hive-metastore/start.sh; register the table with
# ../hive-metastore/probe/research/HmsProbe.java).  scripts/research/spark-sql/run.sh thrift://127.0.0.1:19083
# Needs HMS_LIB: the metastore's lib dir from hive-metastore/start.sh (guava, libthrift, ... for the Hive 4 client).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
uri="${1:-thrift://127.0.0.1:19083}"
work="${WORK:-/tmp/research-spark-run}"
hms_lib="${HMS_LIB:-/tmp/research-hms-run/lib}"
mkdir -p "$work/hive4"
if [ ! -d "$work/lib" ]; then
  cp "$here/../../test-servers/spark-sql/pom.xml" "$work/"; cp "$here/../../test-servers/spark-sql/hive4-client-pom.xml" "$work/hive4/pom.xml"
  (cd "$work" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/lib" \
     && cd hive4 && mvn -B -q dependency:copy-dependencies -DoutputDirectory="$work/hive4/lib") >"$work/resolve.log" 2>&1 \
     || { tail -40 "$work/resolve.log" >&2; exit 1; }
fi
javac -d "$work/classes" -cp "$work/lib/*" "$here/src/research/SparkProbe.java"
opens=""
for p in java.lang java.lang.invoke java.net java.nio java.util sun.nio.ch sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java -Xmx1g $opens -Dhms.version=4.0.1 -Dhms.jars=path \
  "-Dhms.jars.path=file://$work/hive4/lib/*.jar,file://$hms_lib/*.jar" \
  -cp "$work/classes:$work/lib/*" research.SparkProbe "$uri"
