package uk.ac.lsst.pipeline.bench.report;

import java.util.List;
import java.util.Map;

/**
 * One run of the pipeline in the bench.
 *
 * @param buffers              where the buffers were: in-process, or a pipeline file's (which, at what address)
 * @param topicPrefix          put before the name of every topic, application id and consumer group of the run; empty
 *                             on in-process buffers
 * @param stagesRun            the stages that ran and were measured, in pipeline order; "whole pipeline" figures are
 *                             over these only
 * @param stagesSkipped        the stages of the pipeline that were not run (not asked for), empty for all
 * @param partitions           partitions of every topic
 * @param ingestBrokers        brokers of the ingest buffer, as the cluster tells
 * @param instances            instances per stage
 * @param threads              stream threads per instance
 * @param schedule             how the alerts were replayed
 * @param surveys              whose alerts
 * @param alertsReplayed       alerts acknowledged by the upstream buffer
 * @param alertsIngested       alerts in the ingest buffer's alerts topic
 * @param meanAlertBytes       mean size of an alert
 * @param complete             every stage read every alert before the timeout, none failed
 * @param replaySeconds        from the first upstream append to the last
 * @param pipelineSeconds      from the first upstream append until the last stage that ran was done
 * @param pipelineAlertsPerSecond {@code alertsIngested / pipelineSeconds}
 * @param pipelineMbPerSecond  the same in MB/s of alerts
 * @param stages               per stage
 * @param watchlistTrigger     upstream append to hit append, over all hits
 * @param filterOutput         upstream append to the append of the bench filter's record (a filter every alert
 *                             passes), over all its records; {@link Percentiles#NONE} when filter-service did not run
 * @param cpuSecondsByGroup    CPU seconds of each stage's threads, of the replay and of the rest (brokers)
 * @param series               per stage, per second
 * @param heapAfterGcMb        JVM heap in use after a full GC once the stages were closed (brokers and their data
 *                             remain), MB
 * @param rssMb                resident memory of the whole process at the same moment, MB
 * @param rebalanceMs          time for a second crossmatch-service instance to join: from its start until both
 *                             instances run and together hold every partition; -1 when not measured
 * @param layout               the spread of partitions
 * @param references           Kafka's tools and MirrorMaker 2, or null when not run
 */
public record RunResult(String buffers, String topicPrefix, List<String> stagesRun, List<String> stagesSkipped,
                        int partitions, int ingestBrokers, int instances, int threads, String schedule,
                        List<String> surveys, long alertsReplayed, long alertsIngested, long meanAlertBytes,
                        boolean complete, double replaySeconds, double pipelineSeconds,
                        double pipelineAlertsPerSecond, double pipelineMbPerSecond, List<StageResult> stages,
                        Percentiles watchlistTrigger, Percentiles filterOutput,
                        Map<String, Double> cpuSecondsByGroup,
                        Map<String, List<SeriesPoint>> series, double heapAfterGcMb, double rssMb, long rebalanceMs,
                        LayoutCheck layout, References references) {

    public RunResult {
        stagesRun = List.copyOf(stagesRun);
        stagesSkipped = List.copyOf(stagesSkipped);
    }

    public RunResult withReferences(References refs) {
        return new RunResult(buffers, topicPrefix, stagesRun, stagesSkipped, partitions, ingestBrokers, instances,
                threads, schedule, surveys, alertsReplayed, alertsIngested, meanAlertBytes, complete, replaySeconds,
                pipelineSeconds, pipelineAlertsPerSecond, pipelineMbPerSecond, stages, watchlistTrigger,
                filterOutput, cpuSecondsByGroup, series, heapAfterGcMb, rssMb, rebalanceMs, layout, refs);
    }

    public RunResult withMemory(double heapMb, double rss, long rebalance) {
        return new RunResult(buffers, topicPrefix, stagesRun, stagesSkipped, partitions, ingestBrokers, instances,
                threads, schedule, surveys, alertsReplayed, alertsIngested, meanAlertBytes, complete, replaySeconds,
                pipelineSeconds, pipelineAlertsPerSecond, pipelineMbPerSecond, stages, watchlistTrigger,
                filterOutput, cpuSecondsByGroup, series, heapMb, rss, rebalance, layout, references);
    }
}
