package uk.ac.lsst.pipeline.stage;

import java.util.List;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;

/** The settings of a stage, as {@link StageMain} and {@link StageRunner} need to see them. */
public interface StageConfig {

    /** Identity, buffers, parallelism, HTTP port, dead-letter topic and Kafka Streams properties. */
    StageSettings stage();

    /** The topics it reads on its input buffer (those read by a pattern cannot be listed). */
    List<TopicUse> reads();

    /** The topics it writes on its output buffer, its dead-letter topic included. */
    List<TopicUse> writes();

    /** One line for the log at start-up: what it reads, what it does, where it writes. */
    String describe();
}
