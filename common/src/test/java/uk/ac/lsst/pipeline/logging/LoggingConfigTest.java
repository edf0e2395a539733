package uk.ac.lsst.pipeline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration shipped in common ({@code logback.xml}), as the command line and the images use it:
 * library noise stays off the terminal at the default levels, real errors do not.
 */
class LoggingConfigTest {

    @Test
    void shouldKeepKnownLibraryNoiseOffTheTerminalAtTheDefaultLevels() throws Exception {
        LoggerContext logs = configured(Map.of("LOG_LEVEL", "WARN"));

        assertThat(logs.getLogger("org.apache.kafka.streams.StreamsConfig").isEnabledFor(Level.WARN)).isFalse();
        assertThat(logs.getLogger("org.apache.kafka.connect.mirror.MirrorCheckpointTask").isEnabledFor(Level.WARN))
                .isFalse();
        assertThat(logs.getLogger("org.apache.kafka.connect.runtime.Worker").isEnabledFor(Level.ERROR)).isFalse();
        assertThat(logs.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils")
                .isEnabledFor(Level.WARN)).isFalse();
        assertThat(logs.getLogger("uk.ac.lsst.pipeline.stage.StageRunner").isEnabledFor(Level.INFO)).isFalse();
    }

    @Test
    void shouldKeepOurErrorsAndAStreamsFailureVisible() throws Exception {
        LoggerContext logs = configured(Map.of("LOG_LEVEL", "WARN"));

        assertThat(logs.getLogger("uk.ac.lsst.pipeline.stage.StageRunner").isEnabledFor(Level.ERROR)).isTrue();
        assertThat(logs.getLogger("uk.ac.lsst.pipeline.crossmatch.CrossmatchService").isEnabledFor(Level.WARN))
                .isTrue();
        assertThat(logs.getLogger("org.apache.kafka.streams.processor.internals.StreamThread")
                .isEnabledFor(Level.ERROR)).isTrue();
        assertThat(logs.getLogger("org.apache.kafka.streams.KafkaStreams").isEnabledFor(Level.WARN)).isTrue();
        assertThat(logs.getLogger("org.apache.kafka.streams.StreamsConfig").isEnabledFor(Level.ERROR)).isTrue();
        assertThat(logs.getLogger("uk.ac.starlink.table").isEnabledFor(Level.WARN)).isTrue();
    }

    @Test
    void shouldShowStagesTheirOwnInfoAndEveryLibraryLoggerWhenAsked() throws Exception {
        LoggerContext stage = configured(Map.of("LOG_LEVEL", "INFO"));
        assertThat(stage.getLogger("uk.ac.lsst.pipeline.stage.StageRunner").isEnabledFor(Level.INFO)).isTrue();
        assertThat(stage.getLogger("org.apache.kafka.streams.StreamsConfig").isEnabledFor(Level.WARN)).isFalse();

        LoggerContext verbose = configured(Map.of("LIBRARY_LOG_LEVEL", "INFO"));

        assertThat(verbose.getLogger("org.apache.kafka.connect.runtime.Worker").isEnabledFor(Level.INFO)).isTrue();
        assertThat(verbose.getLogger("org.apache.kafka.streams.StreamsConfig").isEnabledFor(Level.WARN)).isTrue();
        assertThat(verbose.getLogger("org.apache.kafka.clients.NetworkClient").isEnabledFor(Level.INFO)).isTrue();
    }

    /** A fresh logging context configured from the shipped file, its variables taken from {@code variables}. */
    private static LoggerContext configured(Map<String, String> variables) throws JoranException {
        URL config = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        assertThat(config).as("logback.xml on the classpath").isNotNull();
        LoggerContext context = new LoggerContext();
        variables.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        return context;
    }
}
