package uk.ac.lsst.pipeline.filter.stage;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.quota.DailyQuota;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageContext;

/**
 * The topology of filter-service:
 * <pre>
 * read-annotated -> evaluate-filters -> route -> write-filter-outputs   (each record to its filter's topic)
 *                                           \-> label-dead-letter -> to-dead-letter   (not an annotated record)
 * read-filters -> apply-filter-record -> [filters-store]   (global: every instance holds every filter, compiled)
 * </pre>
 */
public final class FilterTopology {
    private FilterTopology() {
    }

    /**
     * @param settings topics
     * @param compiler compiles the filters (shared; thread-safe)
     * @param topics   makes the creator of the filters' topics (one per store, on the global thread)
     * @param metrics  the filters' meters
     * @param context  the clock of the daily quotas (one accounting for all tasks of this process), the stage's meters
     */
    public static Topology build(FilterSettings settings, FilterCompiler compiler, Supplier<FilterTopicCreator> topics,
                                 FilterMetrics metrics, StageContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> annotated = builder.stream(settings.annotated().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-annotated"));
        DailyQuota quota = new DailyQuota(context.clock());
        KStream<String, Routed<FilterOutput>> routed = annotated.process(
                () -> new EvaluateFilters(context.metrics(), metrics, quota), Named.as("evaluate-filters"));
        Serializer<FilterOutput> value = (topic, output) -> output.value();
        DeadLetters.split(routed, settings.stage().deadLetters().name(), Integer.MAX_VALUE, context.metrics())
                .to((key, output, record) -> output.topic(), Produced.with(Serdes.String(),
                        Serdes.serdeFrom(value, (topic, bytes) -> {
                            throw new UnsupportedOperationException("filter outputs are only written");
                        })).withName("write-filter-outputs"));
        Topology topology = builder.build();
        topology.addGlobalStore(new FilterStoreBuilder(compiler, topics), "read-filters",
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.filters().name(),
                "apply-filter-record", () -> new ApplyFilterRecord(metrics));
        return topology;
    }
}
