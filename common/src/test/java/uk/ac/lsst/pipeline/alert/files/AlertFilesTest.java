package uk.ac.lsst.pipeline.alert.files;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.AlertFormat;

class AlertFilesTest {
    private static final Path ZTF_FILE = SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2").resolve("697252845015010002.avro");
    private static final Path RUBIN_FILE = SharedData.path("rubin/alerts/wire-format").resolve("pittgoogle_lsst.v9_0.confluent.bin");

    @TempDir
    Path dir;

    @Test
    void shouldDetectFormatsRecursivelyInSortedOrder() throws IOException {
        copy(RUBIN_FILE, "b/nested/message");
        copy(ZTF_FILE, "c.avro");
        copy(ZTF_FILE, "a/alert-without-extension");
        copy(RUBIN_FILE, "b/alert.avro");

        List<AlertFile> files = AlertFiles.discover(List.of(dir));

        assertThat(files).extracting(f -> dir.relativize(f.path()).toString().replace('\\', '/'))
                .containsExactly("a/alert-without-extension", "b/alert.avro", "b/nested/message", "c.avro");
        assertThat(files).extracting(AlertFile::format).containsExactly(AlertFormat.OCF,
                AlertFormat.CONFLUENT_WIRE, AlertFormat.CONFLUENT_WIRE, AlertFormat.OCF);
        assertThat(files.get(0).sizeBytes()).isEqualTo(Files.size(ZTF_FILE));
        assertThat(files.get(0).read()).isEqualTo(Files.readAllBytes(ZTF_FILE));
    }

    @Test
    void shouldKeepTheOrderOfTheDirectoriesGiven() throws IOException {
        copy(ZTF_FILE, "z/one.avro");
        copy(RUBIN_FILE, "a/two.bin");

        List<AlertFile> files = AlertFiles.discover(List.of(dir.resolve("z"), dir.resolve("a")));

        assertThat(files).extracting(f -> f.path().getFileName().toString()).containsExactly("one.avro", "two.bin");
    }

    @Test
    void shouldRejectAFileOfUnknownFormatNamingIt() throws IOException {
        copy(ZTF_FILE, "good.avro");
        byte[] noise = new byte[4096];
        new Random(1234).nextBytes(noise);
        noise[0] = 0x7f; // neither the OCF magic 'O' nor the Confluent magic 0x00
        Files.createDirectories(dir.resolve("sub"));
        Path bad = Files.write(dir.resolve("sub/noise.avro"), noise);

        assertThatThrownBy(() -> AlertFiles.discover(List.of(dir)))
                .isInstanceOf(AlertFileException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("neither");
    }

    @Test
    void scanShouldListEveryFileThatIsNotAnAlertAndKeepTheAlerts() throws IOException {
        copy(ZTF_FILE, "a.avro");
        Path empty = Files.write(dir.resolve("b-empty.avro"), new byte[0]);
        Path text = Files.writeString(dir.resolve("c-notes.txt"), "alerts of the night\n");
        Path jpeg = Files.write(dir.resolve("d-image.avro"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'});
        Path json = Files.writeString(dir.resolve("e-alert.json"), "{\"alertId\": 1}");
        copy(RUBIN_FILE, "f.bin");

        AlertDiscovery found = AlertFiles.scan(List.of(dir));

        assertThat(found.files()).extracting(f -> f.path().getFileName().toString())
                .containsExactly("a.avro", "f.bin");
        assertThat(found.problems()).extracting(AlertFileProblem::path).containsExactly(empty, text, jpeg, json);
        assertThat(found.problems()).extracting(AlertFileProblem::code).containsExactly("empty", "unknown-format",
                "unknown-format", "unknown-format");
        assertThat(found.problems().get(0).toString()).isEqualTo(empty + ": is empty");
        assertThat(found.problems().get(2).reason()).endsWith("it starts with bytes ffd8ffe000104a46");
        assertThat(found.problems().get(3).reason()).endsWith("it starts with bytes 7b22616c65727449");
        assertThatThrownBy(() -> AlertFiles.discover(List.of(dir))).isInstanceOf(AlertFileException.class)
                .hasMessageContaining("4 of 6 files").hasMessageContaining(empty + ": is empty")
                .hasMessageContaining(json.toString());
    }

    @Test
    void scanShouldStillRejectAMissingDirectory() {
        assertThatThrownBy(() -> AlertFiles.scan(List.of(dir.resolve("absent"))))
                .isInstanceOf(AlertFileException.class).hasMessageContaining("absent").hasMessageContaining("does not exist");
        assertThat(AlertFiles.scan(List.of(dir)).isEmpty()).isTrue();
    }

    @Test
    void shouldSkipHiddenFiles() throws IOException {
        copy(ZTF_FILE, "alert.avro");
        Files.writeString(dir.resolve(".DS_Store"), "not an alert");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "not an alert");

        assertThat(AlertFiles.discover(List.of(dir))).hasSize(1);
    }

    @Test
    void shouldRejectAMissingOrEmptyDirectory() {
        assertThatThrownBy(() -> AlertFiles.discover(List.of(dir.resolve("absent"))))
                .isInstanceOf(AlertFileException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> AlertFiles.discover(List.of(dir)))
                .isInstanceOf(AlertFileException.class).hasMessageContaining("no alert files");
    }

    private void copy(Path source, String relative) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
    }
}
