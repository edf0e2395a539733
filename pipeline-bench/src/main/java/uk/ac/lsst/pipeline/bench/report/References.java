package uk.ac.lsst.pipeline.bench.report;

import java.util.List;

/**
 * Kafka's own tools and MirrorMaker 2 on the same buffers, with the same record sizes and partitions.
 *
 * @param recordBytes                 record size given to the producer tool (the mean alert size of the run)
 * @param records                     records the tools produced and consumed (the run's count, at least 1000)
 * @param producerRecordsPerSecond    ProducerPerformance's own result line
 * @param producerMbPerSecond         idem, MB/s
 * @param consumerRecordsPerSecond    ConsumerPerformance's fetch rate (records/s, without the group join)
 * @param consumerMbPerSecond         idem, MB/s
 * @param produceThenConsumePerSecond records / (records / producer rate + records / consumer rate)
 * @param mirrorMaker2PerSecond       MirrorMaker 2 mirroring the run's upstream alerts from a backlog, records/s
 *                                    between its first and last append on the target (median trial)
 * @param mirrorMaker2MbPerSecond     idem, MB/s
 * @param mirrorMaker2WallSeconds     from starting MirrorMaker 2 to the last record mirrored
 * @param ingestBacklogPerSecond      buffer-ingest (a second instance, fresh group and topic) over the same backlog,
 *                                    measured the same way
 * @param ingestBacklogMbPerSecond    idem, MB/s
 * @param ingestVsMirrorMaker2        {@code ingestBacklogPerSecond / mirrorMaker2PerSecond}
 * @param pipelineVsProduceThenConsume the run's whole-pipeline alerts/s over {@code produceThenConsumePerSecond}
 * @param producerOutput              the producer tool's final line
 * @param consumerOutput              the consumer tool's result line
 * @param mirrorMaker2Trials          MirrorMaker 2's records/s in each trial, in the order run; the median one is
 *                                    {@code mirrorMaker2PerSecond}
 * @param ingestBacklogTrials         buffer-ingest's records/s in each trial, in the order run; the median one is
 *                                    {@code ingestBacklogPerSecond}
 */
public record References(int recordBytes, long records, double producerRecordsPerSecond, double producerMbPerSecond,
                         double consumerRecordsPerSecond, double consumerMbPerSecond,
                         double produceThenConsumePerSecond, double mirrorMaker2PerSecond,
                         double mirrorMaker2MbPerSecond, double mirrorMaker2WallSeconds,
                         double ingestBacklogPerSecond, double ingestBacklogMbPerSecond, double ingestVsMirrorMaker2,
                         double pipelineVsProduceThenConsume, String producerOutput, String consumerOutput,
                         List<Double> mirrorMaker2Trials, List<Double> ingestBacklogTrials) {
}
