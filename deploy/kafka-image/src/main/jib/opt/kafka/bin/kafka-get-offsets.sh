#!/usr/bin/env bash
# The offsets of topic partitions (latest by default).
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.GetOffsetShell "$@"
