#!/usr/bin/env bash
# Prints the records of a topic.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
