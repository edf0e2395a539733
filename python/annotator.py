#!/usr/bin/env python3
"""A pipeline stage in Python: reads cross-match results, writes one annotation per alert.

It is coupled to the rest of the pipeline only through Kafka, and configured the way every stage is, by
environment variables that `pipeline env -f pipeline.yaml annotator` prints:

  INPUT_BOOTSTRAP_SERVERS, OUTPUT_BOOTSTRAP_SERVERS      the buffers it reads and writes
  INPUT_SECURITY_PROTOCOL, INPUT_SASL_MECHANISM, INPUT_SASL_USERNAME, INPUT_SASL_PASSWORD (or *_FILE), ...
  APPLICATION_ID                                        its consumer group (default: annotator)
  CROSSMATCH_TOPIC                                      input topic (default: crossmatch)
  ANNOTATIONS_TOPIC                                     output topic (default: annotations)
  DEAD_LETTER_TOPIC                                     optional: where records it cannot read go, with a reason

Delivery is at-least-once, like the Java stages: offsets are committed only after the annotations of a batch
have been acknowledged by the output buffer.

Run:  env $(pipeline env -f pipeline.yaml annotator | grep -v '^#' | xargs) python3 python/annotator.py
Needs confluent-kafka (Debian: python3-confluent-kafka).
"""

import argparse
import json
import os
import signal
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer

ANNOTATOR = "lsst-uk-annotator"
VERSION = "1"


def env(name, default=None):
    """A variable, or the content of the file named by NAME_FILE (a mounted secret)."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(name + "_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    return default


def client_config(prefix):
    """librdkafka settings of one buffer from its PREFIX_* variables (same names as the Java stages read)."""
    servers = env(prefix + "_BOOTSTRAP_SERVERS")
    if not servers:
        raise SystemExit(f"annotator: {prefix}_BOOTSTRAP_SERVERS is missing: expected host:port[,host:port...]")
    config = {"bootstrap.servers": servers}
    protocol = env(prefix + "_SECURITY_PROTOCOL", "PLAINTEXT").upper()
    config["security.protocol"] = protocol
    if protocol.startswith("SASL"):
        config["sasl.mechanism"] = env(prefix + "_SASL_MECHANISM", "SCRAM-SHA-512")
        config["sasl.username"] = env(prefix + "_SASL_USERNAME")
        config["sasl.password"] = env(prefix + "_SASL_PASSWORD")
        if not config["sasl.username"] or not config["sasl.password"]:
            raise SystemExit(f"annotator: {prefix}_SASL_USERNAME and {prefix}_SASL_PASSWORD (or _FILE) are "
                             f"required with {protocol}")
    truststore = env(prefix + "_SSL_CA_LOCATION")
    if truststore:
        config["ssl.ca.location"] = truststore
    return config


def annotate(record):
    """The annotation of one cross-match result: what it lies on, how close, and a follow-up priority."""
    matches = record.get("matches") or []
    nearest = matches[0] if matches else None
    classification = record.get("classification")
    on_star = nearest is not None and (nearest.get("type") or "").upper() == "STAR" \
        and nearest.get("separationArcsec", 99) < 1.5
    if classification in ("SN", "NT") and not on_star:
        priority = "high"
    elif classification in ("ORPHAN", "UNCLEAR"):
        priority = "medium"
    else:
        priority = "low"
    return {
        "alertId": record["alertId"],
        "objectId": record["objectId"],
        "survey": record.get("survey"),
        "classification": classification,
        "nearestCatalogue": nearest.get("catalogue") if nearest else None,
        "nearestSourceId": nearest.get("sourceId") if nearest else None,
        "nearestType": nearest.get("type") if nearest else None,
        "nearestSeparationArcsec": nearest.get("separationArcsec") if nearest else None,
        "cataloguesMatched": sorted({m.get("catalogue") for m in matches}),
        "priority": priority,
        "annotator": ANNOTATOR,
        "annotatorVersion": VERSION,
        "annotatedAtMs": int(time.time() * 1000),
    }


def main():
    parser = argparse.ArgumentParser(description="Annotate cross-match results (a pipeline stage in Python).")
    parser.add_argument("--max-records", type=int, default=0, help="stop after this many input records (0: never)")
    parser.add_argument("--idle-exit", type=float, default=0,
                        help="stop after this many seconds without input (0: never)")
    args = parser.parse_args()

    source = env("CROSSMATCH_TOPIC", "crossmatch")
    target = env("ANNOTATIONS_TOPIC", "annotations")
    dead_letters = env("DEAD_LETTER_TOPIC")
    consumer = Consumer({**client_config("INPUT"),
                         "group.id": env("APPLICATION_ID", "annotator"),
                         "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})
    producer = Producer({**client_config("OUTPUT"), "acks": "all", "enable.idempotence": True, "linger.ms": 20})

    failures = []

    def delivered(err, _msg):
        if err is not None:
            failures.append(err)

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    consumer.subscribe([source])
    read = written = bad = 0
    last_input = time.monotonic()
    print(f"annotator: {source} -> {target}", file=sys.stderr, flush=True)
    try:
        while not stop:
            batch = consumer.consume(num_messages=500, timeout=0.5)
            if not batch:
                if args.idle_exit and time.monotonic() - last_input > args.idle_exit:
                    break
                continue
            last_input = time.monotonic()
            for msg in batch:
                if msg.error():
                    raise KafkaException(msg.error())
                read += 1
                try:
                    annotation = annotate(json.loads(msg.value()))
                except (ValueError, KeyError, TypeError, AttributeError) as e:
                    bad += 1
                    print(f"annotator: cannot read {msg.topic()}-{msg.partition()}@{msg.offset()}: {e!r}",
                          file=sys.stderr, flush=True)
                    if dead_letters:
                        producer.produce(dead_letters, value=msg.value(), key=msg.key(), on_delivery=delivered,
                                         headers=[("dlq.reason", b"unreadable"),
                                                  ("dlq.stage", ANNOTATOR.encode()),
                                                  ("dlq.detail", repr(e).encode("utf-8", "replace"))])
                    continue
                producer.produce(target, key=msg.key(), value=json.dumps(annotation).encode(),
                                 headers=msg.headers() or [], on_delivery=delivered)
                written += 1
                producer.poll(0)
            remaining = producer.flush(30)
            if remaining or failures:
                raise SystemExit(f"annotator: the output buffer did not take {remaining or len(failures)} record(s): "
                                 f"{failures[:1]}; offsets not committed, the batch will be read again")
            consumer.commit(asynchronous=False)
            if args.max_records and read >= args.max_records:
                break
    finally:
        consumer.close()
    print(f"annotator: read {read}, wrote {written} annotations, {bad} unreadable", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
