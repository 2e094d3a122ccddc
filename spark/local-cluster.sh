#!/usr/bin/env bash
# A Spark standalone cluster on this machine, on 127.0.0.1 only: one master and WORKERS workers (default 2) of
# WORKER_CORES cores (default 1) and WORKER_MEMORY (default 2g) each, run from spark/target/lib (built when missing).
#   spark/local-cluster.sh start    prints the master URL, e.g. spark://127.0.0.1:7077
#   spark/local-cluster.sh stop     stops the workers (and their executors), then the master
#   spark/local-cluster.sh status
# Then: ./rnnlab compare --engine spark --master spark://127.0.0.1:7077 ...
# Logs, pids and the workers' folders are in spark/target/local-cluster/ (RNNLAB_SPARK_CLUSTER_DIR).
# Executors find rnnlab, DL4J and Spark in SPARK_HOME/jars, links to spark/target/lib and spark/target/rnnlab-spark.jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${RNNLAB_SPARK_CLUSTER_DIR:-$here/target/local-cluster}"
port="${SPARK_MASTER_PORT:-7077}"
workers="${WORKERS:-2}"
cores="${WORKER_CORES:-1}"
memory="${WORKER_MEMORY:-2g}"
master="spark://127.0.0.1:$port"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The JDK as ./rnnlab chooses it: $JAVA_HOME/bin/java when that is executable, else java from PATH (a trial's JAVA_HOME of
# JDK 17, set as the launcher advises, was ignored here and the master died on the JDK 25 first on PATH, the cause only in
# master.log). Spark 3.5 needs 17 to 23: its Hadoop client calls Subject.getSubject, which JDK 24 refuses.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java="java"; fi
java_major() {
  local home release version
  home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
  release="$home/release"
  if [ -f "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  fi
  if [ -z "${version:-}" ]; then
    version="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  fi
  echo "${version:-0}"
}

launch() { # name, main class, arguments...
  local name="$1" main="$2"; shift 2
  SPARK_HOME="$state/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 \
  SPARK_LOCAL_DIRS="$state/local" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}" \
    nohup "$java" -Xmx512m @"$here/jvm-options" -cp "$here/target/lib/*" "$main" "$@" > "$state/$name.log" 2>&1 < /dev/null &
  echo $! > "$state/$name.pid"
}

case "${1:-}" in
  start)
    if alive "$state/master.pid"; then echo "already running: $master (spark/local-cluster.sh stop first)" >&2; exit 1; fi
    if ! command -v "$java" > /dev/null; then
      echo "local-cluster: no Java found ($java): set JAVA_HOME to a JDK 17 or 21" >&2
      exit 2
    fi
    major="$(java_major)"
    if [ "$major" -lt 17 ] || [ "$major" -gt 23 ]; then
      echo "local-cluster: Spark 3.5 needs Java 17 to 23; $java is Java $major: set JAVA_HOME to a JDK 17 or 21" >&2
      exit 2
    fi
    if [ ! -f "$here/target/rnnlab-spark.jar" ] || [ ! -d "$here/target/lib" ]; then
      echo "local-cluster: building the Spark module..." >&2
      (cd "$here/.." && ./mvnw -q -B -DskipTests package -pl spark -am) >&2
    fi
    mkdir -p "$state/spark-home/jars" "$state/local"
    rm -f "$state/spark-home/jars/"*.jar
    ln -s "$here"/target/lib/*.jar "$here/target/rnnlab-spark.jar" "$state/spark-home/jars/"
    launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "${SPARK_MASTER_WEBUI_PORT:-8080}"
    for _ in $(seq 1 120); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
      alive "$state/master.pid" || { echo "the master did not start; see $state/master.log" >&2; exit 1; }
      sleep 0.5
    done
    for i in $(seq 1 "$workers"); do
      mkdir -p "$state/work$i"
      launch "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" --memory "$memory" \
        --work-dir "$state/work$i" --webui-port 8081 "$master"
    done
    echo "$master"
    ;;
  stop)
    for f in "$state"/worker*.pid "$state"/master.pid; do
      [ -f "$f" ] || continue
      if alive "$f"; then
        kill "$(cat "$f")"
        for _ in $(seq 1 40); do alive "$f" || break; sleep 0.5; done
      fi
      rm -f "$f"
    done
    ;;
  status)
    for f in "$state"/master.pid "$state"/worker*.pid; do
      [ -f "$f" ] || continue
      n="$(basename "$f" .pid)"; if alive "$f"; then echo "$n: running (pid $(cat "$f"))"; else echo "$n: stopped"; fi
    done
    ;;
  *)
    echo "usage: spark/local-cluster.sh start|stop|status" >&2; exit 2 ;;
esac
