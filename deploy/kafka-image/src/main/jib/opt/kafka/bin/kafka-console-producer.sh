#!/usr/bin/env bash
# Sends lines of standard input as records.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer "$@"
