#!/usr/bin/env bash
# The API versions every broker supports (the compose health check).
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
