#!/usr/bin/env bash
# Formats and describes the KRaft storage.
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
