package uk.ac.lsst.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterRecordException;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;

/**
 * The sample filters of a samples directory ({@code samples/filters/*.json}, each one filter in the form of a record
 * of the filters topic), as the demo registers them.
 */
public final class SampleFilters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFilters() {
    }

    /**
     * The filters of {@code dir} (none when it does not exist), in file name order.
     *
     * @throws FilterRecordException naming the file that is not a valid filter
     */
    public static List<FilterDefinition> read(Path dir) throws IOException, FilterRecordException {
        List<FilterDefinition> filters = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return filters;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                byte[] value = Files.readAllBytes(f);
                JsonNode json = JSON.readTree(value);
                String key = json.path("owner").asText("") + "/" + json.path("name").asText("");
                try {
                    FilterChange change = FilterRecords.parse(key.getBytes(StandardCharsets.UTF_8), value);
                    filters.add(((FilterChange.Upsert) change).definition());
                } catch (FilterRecordException e) {
                    throw new FilterRecordException(f + ": " + e.getMessage(), e);
                }
            }
        }
        return filters;
    }

    /**
     * Registers the filters of {@code dir} on the filters topic of every filter-service stage of a pipeline (its
     * topics applied), connecting as the file says with secrets from {@code vars}; one line per filter to
     * {@code out}.
     *
     * @return the filters registered
     * @throws ExpressionException when a sample filter does not compile
     */
    public static List<FilterDefinition> registerTo(PipelineSpec spec, Map<String, String> vars, Path dir,
                                                    PrintStream out) throws Exception {
        List<FilterDefinition> filters = read(dir);
        List<FilterDefinition> registered = new ArrayList<>();
        for (StageSpec s : spec.stages().values()) {
            String topic = s.input().topics().get("filters");
            if (!s.type().equals(FilterStage.KIND.id()) || topic == null || filters.isEmpty()) {
                continue;
            }
            try (FilterClient client = new FilterClient(
                    StageEnvironment.bufferSettings(spec.buffer(s.input().buffer()), vars).clientProperties(), topic)) {
                for (FilterDefinition f : filters) {
                    String written = client.add(f);
                    out.printf("  filter %-32s -> topic %s: %s%n", f.key(), written, f.expression());
                    registered.add(f);
                }
            }
        }
        return registered;
    }
}
