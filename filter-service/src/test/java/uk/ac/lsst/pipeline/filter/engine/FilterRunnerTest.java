package uk.ac.lsst.pipeline.filter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.output.AlertOutput;
import uk.ac.lsst.pipeline.filter.quota.DailyQuota;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;

class FilterRunnerTest {
    private static final FilterCompiler COMPILER = FilterCompiler.create();

    /** Records what the runner tells it. */
    private static final class RecordingSink implements FilterSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void write(ActiveFilter filter, byte[] value) {
            events.add("write " + filter.topic() + " " + value.length);
        }

        @Override
        public void dropped(ActiveFilter filter, int bytes, boolean firstToday) {
            events.add("drop " + filter.key() + (firstToday ? " first" : ""));
        }

        @Override
        public void failed(ActiveFilter filter, String error) {
            events.add("fail " + filter.key() + ": " + error);
        }
    }

    @Test
    void shouldWriteMatchesDropOverQuotaAndReportErrors() {
        FilterRegistry registry = new FilterRegistry(COMPILER);
        registry.register(FilterDefinition.of("alice", "bright", "magnitude < 19.5", OutputLevel.IDS));
        registry.register(FilterDefinition.of("bob", "faint", "magnitude > 21.0", OutputLevel.RECORD));
        registry.register(new FilterDefinition("carol", "tiny", "classification == 'SN'", OutputLevel.FULL, 10));
        registry.register(FilterDefinition.of("dave", "broken", "matches[5].separationArcsec < 1.0", OutputLevel.IDS));
        FilterRunner runner = new FilterRunner(registry,
                new DailyQuota(Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC)));
        AnnotatedRecord record = TestRecords.read(TestRecords.supernovaCandidate());
        RecordingSink sink = new RecordingSink();

        int matched = runner.run(record, sink);
        runner.run(record, sink);

        int idsLength = new AlertOutput(record).value(OutputLevel.IDS, new FilterKey("alice", "bright")).length;
        assertThat(matched).isEqualTo(2);
        assertThat(sink.events).containsExactly(
                "write filter-alice-bright " + idsLength,
                "drop carol/tiny first",
                "fail dave/broken: line 1, column 8: Index out of bounds: 5",
                "write filter-alice-bright " + idsLength,
                "drop carol/tiny",
                "fail dave/broken: line 1, column 8: Index out of bounds: 5");
        assertThat(new String(record.bytes(), StandardCharsets.UTF_8)).contains("history");
    }
}
