package uk.ac.lsst.pipeline.bench.report;

/**
 * One second of one stage's run.
 *
 * @param second        seconds since the first upstream append (the start of this bin)
 * @param alertsIn      alerts the stage read in this second (from its counters, sampled)
 * @param recordsOut    output records appended in this second (from their timestamps)
 * @param latencyP50Ms  median latency of those records, or -1 when there were none
 * @param latencyP99Ms  99th percentile, or -1
 */
public record SeriesPoint(int second, long alertsIn, long recordsOut, long latencyP50Ms, long latencyP99Ms) {
}
