package uk.ac.lsst.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;

/** {@code pipeline filter}: manage the filters that filter-service evaluates on every annotated alert. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = {"Manage filters (CEL expressions over the annotated record of each alert, each writing the "
                + "alerts it passes to a topic of its own) in the compacted filters topic of the science buffer, "
                + "or try an expression on alert files offline.",
                "The buffer and the topic are those of the filter-service stage of the pipeline file (-f).",
                "Exit codes: 0 done, 1 failed (Kafka, filter not found, skipped files), 2 bad pipeline file, "
                        + "options or expression."},
        subcommands = {FilterAddCommand.class, FilterListCommand.class, FilterShowCommand.class,
                FilterDeleteCommand.class, FilterTestCommand.class, FilterFieldsCommand.class})
public final class FilterCommand implements Runnable {
    /** The input role of the filters topic of filter-service, and its default name. */
    static final String FILTERS_ROLE = "filters";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** What a subcommand does with a client of the filters topic: its exit code. */
    @FunctionalInterface
    interface ClientAction {
        int run(FilterClient client) throws IOException;
    }

    /** Where the filters are: the filters topic of the filter-service stage of a pipeline file, on its buffer. */
    public static final class Connection {
        @Mixin
        PipelineFileOption pipeline;

        @Option(names = "--stage", paramLabel = "STAGE",
                description = "The filter-service stage of the file (default: the only one).")
        String stage;

        /**
         * Runs {@code action} with a client of the filters topic and gives its exit code; 2 (after printing why)
         * when the pipeline file or the options are invalid, 1 when the buffer fails.
         *
         * @param failure what failed, for the message when the buffer fails ("cannot read the filters")
         */
        int run(PrintWriter err, String failure, ClientAction action) throws IOException {
            FilterClient client;
            try {
                client = client();
            } catch (PipelineFileException | SettingsException | IllegalArgumentException e) {
                err.println("pipeline: " + e.getMessage());
                return 2;
            }
            try (client) {
                return action.run(client);
            } catch (KafkaException | IllegalStateException e) {
                err.println(failure + ": " + e.getMessage());
                return 1;
            }
        }

        private FilterClient client() {
            PipelineSpec file = pipeline.load();
            StageSpec filters = PipelineStages.ofType(file, FilterStage.KIND.id(), stage);
            Map<String, Object> props = new HashMap<>(StageEnvironment.bufferSettings(
                    file.buffer(filters.input().buffer()), System.getenv()).clientProperties());
            int ms = (int) pipeline.timeout.toMillis();
            props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ms);
            props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
            return new FilterClient(props, filters.input().topics().getOrDefault(FILTERS_ROLE, FILTERS_ROLE));
        }
    }

    /** One filter: where the filters are, and the filter's key. */
    public static final class OneFilter {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "OWNER/NAME", description = "The filter.", converter = KeyConverter.class)
        FilterKey key;

        /** Prints that there is no such filter; the exit code of that. */
        int notFound(PrintWriter err) {
            err.println("no filter '" + key + "'");
            return 1;
        }
    }

    /** {@code OWNER/NAME} as a filter key; a bad one is a usage error (exit 2) saying what is expected. */
    static final class KeyConverter implements CommandLine.ITypeConverter<FilterKey> {
        @Override
        public FilterKey convert(String value) {
            try {
                return FilterKey.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A filter expression, given on the command line or in a file. */
    static final class ExpressionOptions {
        @Option(names = "--expression", required = true, paramLabel = "EXPR",
                description = "The expression, e.g. 'magnitude < 19.5'.")
        String text;

        @Option(names = "--expression-file", required = true, paramLabel = "FILE",
                description = "A file holding the expression (it may span lines).")
        Path file;

        /** @throws IOException when the file cannot be read */
        String read() throws IOException {
            return text != null ? text : Files.readString(file);
        }

        /** Where the expression comes from, for messages. */
        String source() {
            return text != null ? "--expression" : file.toString();
        }
    }
}
