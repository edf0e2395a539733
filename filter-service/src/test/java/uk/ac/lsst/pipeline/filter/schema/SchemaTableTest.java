package uk.ac.lsst.pipeline.filter.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTableTest {

    @Test
    void shouldDocumentEveryTopLevelFieldOnce() {
        List<String> paths = SchemaTable.rows().stream().map(SchemaTable.Row::path).toList();

        for (Field field : AnnotatedRecordSchema.RECORD.fields()) {
            assertThat(paths).as("documented: %s", field.name()).containsOnlyOnce(field.name());
        }
        assertThat(paths).doesNotHaveDuplicates();
    }

    @Test
    void shouldDocumentTheBandsOnceForAllSixBands() {
        List<String> paths = SchemaTable.rows().stream().map(SchemaTable.Row::path).toList();

        assertThat(paths).contains("features.{u,g,r,i,z,y}", "features.{u,g,r,i,z,y}.rateSincePeak",
                "matches[].columns", "watchlists[].listName", "history[].limitingMagnitude");
        assertThat(paths).noneMatch(p -> p.startsWith("features.g."));
    }

    @Test
    void shouldWriteAMarkdownTableWithTypesAndMissingValues() {
        String table = SchemaTable.markdown();

        assertThat(table).startsWith("| Field | Type | When missing | Description |\n| --- | --- | --- | --- |\n");
        assertThat(table).contains("| `magnitude` | double | NaN: comparisons false | PSF magnitude");
        assertThat(table).contains("| `alertId` | int | required | alert id");
        assertThat(table).contains("| `history[].magnitude` | double | - | PSF magnitude");
        assertThat(table).contains("| `objectIdNumber` | int or null | null |");
        assertThat(table).contains("| `matches` | list of Match | empty list |");
        assertThat(table.lines().count()).isEqualTo(SchemaTable.rows().size() + 2);
    }
}
