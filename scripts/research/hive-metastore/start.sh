#!/usr/bin/env bash
# Research prototype (issue 13): resolves (once) Hive standalone metastore 4.0.1 on Hadoop 3.5.0, initialises its
# schema in an embedded Derby under $WORK (once) and starts the Thrift server on 127.0.0.1:$PORT in its own JVM;
# prints "pid <pid> uri thrift://127.0.0.1:<port>".
#   scripts/research/hive-metastore/start.sh [port]      (WORK=/tmp/research-hms-run by default)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:-19083}"
work="${WORK:-/tmp/research-hms-run}"
mkdir -p "$work/conf" "$work/warehouse"
if [ ! -d "$work/lib" ]; then
  cp "$here/../../test-servers/hive-metastore/pom.xml" "$work/"
  (cd "$work" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/lib" \
     && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -Dartifact=org.apache.hive:hive-standalone-metastore-server:4.0.1:tar.gz:bin \
          -DoutputDirectory="$work/dist") >"$work/resolve.log" 2>&1 || { tail -40 "$work/resolve.log" >&2; exit 1; }
  # two slf4j bindings otherwise (hadoop's reload4j and hive's log4j2)
  rm -f "$work"/lib/slf4j-reload4j-*.jar "$work"/lib/reload4j-*.jar
fi
export METASTORE_HOME="$work/dist/apache-hive-metastore-4.0.1-bin"
cp "$here/../../test-servers/hive-metastore/log4j2.properties" "$work/conf/"
cat >"$work/conf/metastore-site.xml" <<XML
<configuration>
  <property><name>javax.jdo.option.ConnectionURL</name><value>jdbc:derby:;databaseName=$work/metastore_db;create=true</value></property>
  <property><name>javax.jdo.option.ConnectionDriverName</name><value>org.apache.derby.jdbc.EmbeddedDriver</value></property>
  <property><name>metastore.warehouse.dir</name><value>file://$work/warehouse</value></property>
  <property><name>metastore.thrift.port</name><value>$port</value></property>
  <property><name>metastore.event.db.notification.api.auth</name><value>false</value></property>
</configuration>
XML
cp_="$work/conf:$work/lib/*"
if [ ! -d "$work/metastore_db" ]; then
  start=$(date +%s)
  java -cp "$cp_" -Dlog4j2.configurationFile="$work/conf/log4j2.properties" -Dderby.stream.error.file="$work/derby.log" \
    org.apache.hadoop.hive.metastore.tools.schematool.MetastoreSchemaTool -dbType derby -initSchema \
    >"$work/schematool.log" 2>&1 || { tail -40 "$work/schematool.log" >&2; exit 1; }
  echo "[hms] schema initialised in $(( $(date +%s) - start )) s" >&2
fi
start=$(date +%s%N)
nohup java -Xmx512m -Dlog4j2.configurationFile="$work/conf/log4j2.properties" -Dderby.stream.error.file="$work/derby.log" -cp "$cp_" \
  org.apache.hadoop.hive.metastore.HiveMetaStore >"$work/metastore.log" 2>&1 &
pid=$!
for _ in $(seq 1 480); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { tail -40 "$work/metastore.log" >&2; exit 1; }
  sleep 0.25
done
echo "[hms] port open after $(( ($(date +%s%N) - start) / 1000000 )) ms, RSS $(ps -o rss= -p "$pid") kB" >&2
echo "pid $pid uri thrift://127.0.0.1:$port"
