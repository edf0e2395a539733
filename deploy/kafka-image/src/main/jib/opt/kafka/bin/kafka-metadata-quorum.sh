#!/usr/bin/env bash
# Describes the KRaft metadata quorum.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.MetadataQuorumCommand "$@"
