package uk.ac.lsst.pipeline.filter.stage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.filter.definition.FilterTopics;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;

/**
 * filter-service: the filters scientists register (CEL expressions over the annotated record, kept in a compacted
 * topic, applied live), each evaluated on every annotated record and writing its matches to a topic of its own,
 * within a daily byte quota.
 */
public final class FilterStage implements Stage<FilterSettings> {
    public static final StageKind KIND = new StageKind("filter-service", List.of("annotated", "filters"),
            List.of("dead-letters"), false);

    private static final String WARM_UP_EXPRESSION = "positive && magnitude < 19.5 && classification == \"SN\""
            + " && features.nDetections >= 2 && features.r.rateSincePrevious < -0.5 && size(watchlists) >= 0";
    private static final byte[] WARM_UP_RECORD = ("{\"survey\": \"ZTF\", \"alertId\": 1,"
            + " \"objectId\": \"ZTF00aaaaaaa\", \"magnitude\": 18.5, \"positive\": true, \"classification\": \"SN\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public FilterSettings settings(Env env) {
        StageSettings stage = StageSettings.fromEnv(env, FilterSettings.DEFAULTS);
        int replication = env.integer("FILTER_TOPIC_REPLICATION_FACTOR", -1, -1, 32);
        if (replication == 0) {
            env.problem("FILTER_TOPIC_REPLICATION_FACTOR=0 is invalid: expected -1 (the brokers' default) or 1..32");
        }
        Duration retention = env.duration("FILTER_TOPIC_RETENTION", Duration.ofDays(7));
        if (retention.isZero()) {
            env.problem("FILTER_TOPIC_RETENTION=0 is invalid: expected a positive ISO-8601 duration such as P7D");
        }
        TopicUse annotated = TopicUse.fromEnv(env, "annotated", "annotated-alerts");
        TopicUse filters = TopicUse.fromEnv(env, "filters", "filters");
        for (TopicUse own : List.of(annotated, filters, stage.deadLetters())) {
            outsideFilterTopics(own, env);
        }
        return new FilterSettings(stage, annotated, filters, env.integer("FILTER_TOPIC_PARTITIONS", 1, 1, 1000),
                (short) replication, retention);
    }

    /** A topic of the stage's own that a filter could also be given ({@link FilterTopics}) is refused. */
    private static void outsideFilterTopics(TopicUse topic, Env env) {
        FilterTopics.key(topic.name()).ifPresent(filter -> env.problem(TopicUse.topicVariable(topic.role()) + "='"
                + topic.name() + "' is invalid: it is the topic of filter " + filter + "; expected a name outside "
                + "the filters' topics " + FilterTopics.PREFIX + "<owner>-<name>"));
    }

    /**
     * Makes the compiler once, and warms it: one filter compiled and run on a small record, so that the first
     * registered filter does not wait for the expression engine's classes to load (about a second).
     */
    @Override
    public StageParts build(FilterSettings settings, StageContext context) {
        FilterCompiler compiler = FilterCompiler.create();
        warmUp(compiler);
        return StageParts.of(FilterTopology.build(settings, compiler,
                () -> FilterTopicCreator.onBuffer(settings.stage().output().clientProperties(), settings),
                new FilterMetrics(context.metrics()), context));
    }

    static void warmUp(FilterCompiler compiler) {
        try {
            compiler.compile(WARM_UP_EXPRESSION).evaluate(AnnotatedRecordReader.read(WARM_UP_RECORD));
        } catch (ExpressionException | AnnotatedRecordException e) {
            throw new IllegalStateException("the filter engine does not run its own warm-up filter: " + e.getMessage(),
                    e);
        }
    }
}
