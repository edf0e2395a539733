package uk.ac.lsst.pipeline.bench.report;


/**
 * What one stage did in a run. Rates are over the stage's window: from the first append to its input topic until
 * it had read every alert or appended its last result, whichever is later.
 *
 * @param stage             the stage's name
 * @param alertsIn          alerts it read
 * @param recordsOut        records it appended to its output topic (watch-list hits for watchlist-service)
 * @param bytesIn           bytes of the records it read from the topic it streams (keys and values)
 * @param bytesOut          bytes of the records it wrote (keys and values)
 * @param windowSeconds     its window
 * @param alertsPerSecondIn  {@code alertsIn / windowSeconds}
 * @param recordsPerSecondOut {@code recordsOut / windowSeconds}
 * @param mbPerSecondIn     megabytes (10^6 bytes) read per second
 * @param mbPerSecondOut    megabytes written per second
 * @param cpuSeconds        CPU time of its threads (stream threads and their clients' network threads)
 * @param cpuCores          {@code cpuSeconds / windowSeconds}
 * @param latency           from the alert's append to the upstream topic to the append of the stage's output record
 * @param latencyUnknown    output records whose alert's upstream time could not be found (not in {@code latency})
 */
public record StageResult(String stage, long alertsIn, long recordsOut, long bytesIn, long bytesOut,
                          double windowSeconds, double alertsPerSecondIn, double recordsPerSecondOut,
                          double mbPerSecondIn, double mbPerSecondOut, double cpuSeconds, double cpuCores,
                          Percentiles latency, long latencyUnknown) {
}
