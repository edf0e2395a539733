package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaDirectoryTest {

    @Test
    void shouldLoadEveryRubinVersionUnderItsSchemaId() throws Exception {
        SchemaDirectory directory = new SchemaDirectory(SharedData.rubinSchemaDir());

        assertThat(directory.ids()).containsExactly(900, 1000, 1100, 1101);
        Schema v111 = directory.schema(1101);
        assertThat(v111.getFullName()).isEqualTo("lsst.v11_1.alert");
        assertThat(v111.getField("diaSource").schema().getFullName()).isEqualTo("lsst.v11_1.diaSource");
        assertThat(directory.schema(900).getField("MPCORB")).isNotNull();
        assertThat(directory.schema(1000).getField("mpc_orbits")).isNotNull();
    }

    @Test
    void shouldNumberVersionsAsMajorTimes100PlusMinor() {
        assertThat(SchemaDirectory.schemaId(9, 0)).isEqualTo(900);
        assertThat(SchemaDirectory.schemaId(11, 1)).isEqualTo(1101);
        assertThatThrownBy(() -> SchemaDirectory.schemaId(1, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReportAnIdItDoesNotHoldAsUnknown() {
        SchemaDirectory directory = new SchemaDirectory(SharedData.rubinSchemaDir());

        assertThatThrownBy(() -> directory.schema(800))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA);
                    assertThat(e.getMessage()).contains("800", "900");
                });
    }

    @Test
    void shouldParseFilesInDependencyOrderWhateverTheirNames(@TempDir Path root) throws Exception {
        // a.avsc needs z.avsc, which sorts (and is listed) after it
        Path version = Files.createDirectories(root.resolve("1.2"));
        Files.writeString(version.resolve("lsst.v1_2.a.avsc"), """
                {"type": "record", "name": "a", "namespace": "lsst.v1_2",
                 "fields": [{"name": "z", "type": "lsst.v1_2.z"}]}""");
        Files.writeString(version.resolve("lsst.v1_2.z.avsc"), """
                {"type": "record", "name": "z", "namespace": "lsst.v1_2",
                 "fields": [{"name": "n", "type": "long"}]}""");
        Files.writeString(version.resolve("lsst.v1_2.alert.avsc"), """
                {"type": "record", "name": "alert", "namespace": "lsst.v1_2",
                 "fields": [{"name": "a", "type": "lsst.v1_2.a"}, {"name": "z", "type": "lsst.v1_2.z"}]}""");
        Files.writeString(root.resolve("latest.txt"), "1.2");

        Schema alert = new SchemaDirectory(root).schema(102);

        assertThat(alert.getField("a").schema().getField("z").schema().getField("n")).isNotNull();
    }

    @Test
    void shouldNameThePathWhenTheDirectoryIsMissing(@TempDir Path root) {
        Path missing = root.resolve("no-such-dir");

        assertThatThrownBy(() -> new SchemaDirectory(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("lsst.v<major>_<minor>.alert.avsc");
    }

    @Test
    void shouldNameThePathWhenNoVersionIsFound(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("not-a-version"));

        assertThatThrownBy(() -> new SchemaDirectory(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("<major>.<minor>");
    }

    @Test
    void shouldNameTheMissingAlertFile(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("3.0"));

        assertThatThrownBy(() -> new SchemaDirectory(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lsst.v3_0.alert.avsc");
    }

    @Test
    void shouldNameTheFilesThatCannotBeResolved(@TempDir Path root) throws Exception {
        Path version = Files.createDirectories(root.resolve("1.0"));
        Files.writeString(version.resolve("lsst.v1_0.a.avsc"), """
                {"type": "record", "name": "a", "namespace": "lsst.v1_0",
                 "fields": [{"name": "x", "type": "lsst.v1_0.missing"}]}""");
        Files.writeString(version.resolve("lsst.v1_0.alert.avsc"), """
                {"type": "record", "name": "alert", "namespace": "lsst.v1_0",
                 "fields": [{"name": "a", "type": "lsst.v1_0.a"}]}""");

        assertThatThrownBy(() -> new SchemaDirectory(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lsst.v1_0.a.avsc")
                .hasMessageContaining("missing");
    }
}
