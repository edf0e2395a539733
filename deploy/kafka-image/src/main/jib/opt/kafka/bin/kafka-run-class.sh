#!/usr/bin/env bash
# kafka-run-class.sh CLASS [ARGS]: runs a class of the Kafka jars (/opt/kafka/libs) with the launcher variables of
# Kafka's own script: KAFKA_HEAP_OPTS (default -Xmx256M), KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS (default: the
# tools' logging, config/tools-log4j2.yaml) and KAFKA_OPTS.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 CLASS [ARGS]" >&2
  exit 1
fi
home=/opt/kafka
heap=${KAFKA_HEAP_OPTS:--Xmx256M}
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$home/config/tools-log4j2.yaml}
# word splitting of the option variables is intended: each holds several JVM options
# shellcheck disable=SC2086
exec java $heap $performance $log4j ${KAFKA_OPTS-} -cp "$home/libs/*" "$@"
