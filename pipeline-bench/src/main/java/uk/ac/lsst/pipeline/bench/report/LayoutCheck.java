package uk.ac.lsst.pipeline.bench.report;

import java.util.List;
import java.util.Map;

/**
 * How the partitions of a run were spread, as found once every stage was running.
 *
 * @param ingestBrokers         brokers of the ingest buffer
 * @param alertsPartitions      partitions of the ingest buffer's alerts topic
 * @param leadersPerBroker      broker id to the number of alerts partitions it leads
 * @param partitionsPerInstance stage to, per instance, the partitions of its input topic it processes
 * @param balanced              every broker leads the same number, and every instance of a stage gets the same
 *                              number
 */
public record LayoutCheck(int ingestBrokers, int alertsPartitions, Map<Integer, Integer> leadersPerBroker,
                          Map<String, List<Integer>> partitionsPerInstance, boolean balanced) {
}
