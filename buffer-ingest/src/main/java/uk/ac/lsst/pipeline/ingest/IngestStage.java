package uk.ac.lsst.pipeline.ingest;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;

/**
 * buffer-ingest: mirrors the surveys' alert topics into the ingest buffer's alerts topic, validated (decoded with
 * cutouts skipped), re-keyed by object id and labelled with their upstream coordinates, and writes each alert's
 * compact form (no cutouts, photometry history kept) to the compact topic for the fast stages; bad messages go to
 * its dead-letter topic.
 */
public final class IngestStage implements Stage<IngestSettings> {
    public static final StageKind KIND = new StageKind("buffer-ingest", List.of(),
            List.of("alerts", "compact", "dead-letters"), true);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public IngestSettings settings(Env env) {
        StageSettings stage = StageSettings.fromEnv(env, IngestSettings.DEFAULTS);
        List<String> topics = env.list("UPSTREAM_TOPICS");
        Pattern pattern = null;
        String regex = env.optional("UPSTREAM_TOPIC_PATTERN").orElse(null);
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                env.problem("UPSTREAM_TOPIC_PATTERN='" + regex + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        if (topics.isEmpty() && regex == null) {
            env.problem("UPSTREAM_TOPICS or UPSTREAM_TOPIC_PATTERN is missing: expected the upstream topics to mirror");
        } else if (!topics.isEmpty() && regex != null) {
            env.problem("UPSTREAM_TOPICS and UPSTREAM_TOPIC_PATTERN are both set: expected only one");
        }
        return new IngestSettings(stage, topics, pattern, AlertSettings.fromEnv(env),
                TopicUse.fromEnv(env, "compact", "alerts-compact"));
    }

    @Override
    public StageParts build(IngestSettings settings, StageContext context) {
        return StageParts.of(IngestTopology.build(settings, settings.alerts().decoder(false), context));
    }
}
