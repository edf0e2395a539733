#!/usr/bin/env bash
# Lists and describes consumer groups, resets their offsets.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@"
