package uk.ac.lsst.pipeline.bench.report;

/**
 * One partition count of the sweep, from its own run on fresh buffers.
 *
 * @param partitions          partitions of every topic
 * @param alertsPerSecond     whole pipeline
 * @param ingestAlertsPerSecond buffer-ingest
 * @param latencyP50Ms        upstream append to crossmatch result, median
 * @param latencyP99Ms        idem, 99th percentile
 * @param triggerP99Ms        watch-list trigger latency, 99th percentile
 * @param heapAfterGcMb       JVM heap after GC with the three buffers up and holding the run's data
 * @param rssMb               resident memory of the process at the same moment
 * @param rebalanceMs         a second crossmatch-service instance joining
 * @param loadAverage         the machine's load when the point finished
 */
public record SweepPoint(int partitions, double alertsPerSecond, double ingestAlertsPerSecond, long latencyP50Ms,
                         long latencyP99Ms, long triggerP99Ms, double heapAfterGcMb, double rssMb, long rebalanceMs,
                         String loadAverage) {

    public static SweepPoint of(RunResult run) {
        StageResult ingest = run.stages().get(0);
        StageResult crossmatch = run.stages().stream().filter(s -> s.stage().equals("crossmatch-service"))
                .findFirst().orElse(ingest);
        return new SweepPoint(run.partitions(), run.pipelineAlertsPerSecond(), ingest.alertsPerSecondIn(),
                crossmatch.latency().p50Ms(), crossmatch.latency().p99Ms(), run.watchlistTrigger().p99Ms(),
                run.heapAfterGcMb(), run.rssMb(), run.rebalanceMs(), Machine.currentLoad());
    }
}
