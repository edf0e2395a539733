package uk.ac.lsst.pipeline.bench.report;

import java.util.List;

/**
 * One partition count of the sweep, from its own run on fresh buffers (or fresh topics of a pipeline file's buffers).
 *
 * @param partitions          partitions of every topic
 * @param stagesRun           the stages that ran
 * @param alertsPerSecond     whole pipeline (the stages that ran)
 * @param ingestAlertsPerSecond buffer-ingest
 * @param latencyP50Ms        upstream append to crossmatch result, median; -1 when crossmatch-service did not run
 * @param latencyP99Ms        idem, 99th percentile
 * @param triggerP99Ms        watch-list trigger latency, 99th percentile; -1 when watchlist-service did not run
 * @param heapAfterGcMb       JVM heap after GC with the stages closed and the run's data still in the buffers
 * @param rssMb               resident memory of the process at the same moment
 * @param rebalanceMs         a second crossmatch-service instance joining; -1 when not measured
 * @param loadAverage         the machine's load when the point finished
 */
public record SweepPoint(int partitions, List<String> stagesRun, double alertsPerSecond,
                         double ingestAlertsPerSecond, long latencyP50Ms, long latencyP99Ms, long triggerP99Ms,
                         double heapAfterGcMb, double rssMb, long rebalanceMs, String loadAverage) {

    public SweepPoint {
        stagesRun = List.copyOf(stagesRun);
    }

    public static SweepPoint of(RunResult run) {
        StageResult ingest = run.stages().get(0);
        StageResult crossmatch = run.stages().stream().filter(s -> s.stage().equals("crossmatch-service"))
                .findFirst().orElse(null);
        boolean watchlist = run.stagesRun().contains("watchlist-service");
        return new SweepPoint(run.partitions(), run.stagesRun(), run.pipelineAlertsPerSecond(),
                ingest.alertsPerSecondIn(), crossmatch == null ? -1 : crossmatch.latency().p50Ms(),
                crossmatch == null ? -1 : crossmatch.latency().p99Ms(), watchlist ? run.watchlistTrigger().p99Ms() : -1,
                run.heapAfterGcMb(), run.rssMb(), run.rebalanceMs(), Machine.currentLoad());
    }
}
