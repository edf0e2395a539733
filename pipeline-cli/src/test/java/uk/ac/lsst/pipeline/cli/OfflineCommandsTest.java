package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.SharedData;

/**
 * The offline commands ({@code xmatch}, {@code watchlist check}, {@code thumbnails}) on a directory of real alerts
 * mixed with files that are not alerts: every alert is processed, every other file is listed with its reason, the
 * summaries count both alike and the exit code is 1.
 */
class OfflineCommandsTest {
    private static final Path ZTF = SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2");
    private static final String RUBIN_WIRE = "rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin";
    private static final List<String> BAD_FILES = List.of("b-empty.avro", "c-notes.txt", "d-image.avro",
            "e-alert.json", "f-truncated.avro");

    @TempDir
    Path dir;

    private Path alerts;
    private Path good;

    @BeforeEach
    void writeAlerts() throws IOException {
        good = Files.createDirectories(dir.resolve("good"));
        alerts = Files.createDirectories(dir.resolve("alerts"));
        for (Path target : List.of(good, alerts)) {
            Files.copy(ZTF.resolve("697252845015010002.avro"), target.resolve("a1-ztf.avro"));
            Files.copy(ZTF.resolve("697252845015010003.avro"), target.resolve("a2-ztf.avro"));
            Files.copy(ZTF.resolve("697252845015015001.avro"), target.resolve("a3-ztf.avro"));
            Files.copy(SharedData.file(RUBIN_WIRE), target.resolve("g-rubin.bin"));
        }
        Files.write(alerts.resolve("b-empty.avro"), new byte[0]);
        Files.writeString(alerts.resolve("c-notes.txt"), "alerts of 2018-12-03, see README\n");
        Files.write(alerts.resolve("d-image.avro"), jpeg());
        Files.writeString(alerts.resolve("e-alert.json"), "{\"objectId\": \"ZTF18acsbuxi\", \"ra\": 15.03}\n");
        byte[] ztf = Files.readAllBytes(ZTF.resolve("697252845015015004.avro"));
        Files.write(alerts.resolve("f-truncated.avro"), Arrays.copyOf(ztf, 30_000));
    }

    @Test
    void xmatchShouldMatchEveryAlertAndListEveryOtherFile() {
        CommandRun run = run("xmatch", "--catalogue", sdss(), "--name", "sdss", "--id-column", "plate,mjd,fiberid",
                "--type-column", "class", "--alerts", alerts.toString(), "--schema-dir", schemaDir());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("{\"survey\":"));
        assertSkippedLines(run, "xmatch");
        assertThat(run.errLines()).last().isEqualTo("xmatch: 4 alerts matched against 1 catalogue, 5 skipped");
    }

    @Test
    void watchlistCheckShouldCountFilesThatAreNotAlertsAsSkipped() throws Exception {
        Path list = watchlistAt("a1-ztf.avro", "g-rubin.bin");

        CommandRun run = run("watchlist", "check", "--file", list.toString(), "--alerts", alerts.toString(),
                "--schema-dir", schemaDir());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"listId\":\"check\""));
        assertSkippedLines(run, "watchlist check");
        assertThat(run.errLines()).last().isEqualTo("watchlist check: 4 alerts matched against 2 sources of " + list
                + ": 2 hits, 5 skipped");
    }

    @Test
    void thumbnailsShouldRenderEveryAlertAndListEveryOtherFile() {
        Path out = dir.resolve("thumbs");

        CommandRun run = run("thumbnails", "--alerts", alerts.toString(), "--schema-dir", schemaDir(), "--out",
                out.toString());

        assertThat(run.code()).isEqualTo(1);
        assertSkippedLines(run, "thumbnails");
        assertThat(run.out().strip()).isEqualTo("thumbnails: 4 alerts rendered (12 images, 0 cutouts missing), "
                + "5 skipped; gallery " + out.resolve("index.html"));
        assertThat(out.resolve("index.html")).content().contains(BAD_FILES.toArray(String[]::new));
    }

    @Test
    void everyOfflineCommandShouldExitZeroWhenEveryFileIsAnAlert() throws Exception {
        Path list = watchlistAt("a1-ztf.avro");

        CommandRun xmatch = run("xmatch", "--catalogue", sdss(), "--name", "sdss", "--id-column", "plate,mjd,fiberid",
                "--alerts", good.toString(), "--schema-dir", schemaDir());
        CommandRun check = run("watchlist", "check", "--file", list.toString(), "--alerts", good.toString(),
                "--schema-dir", schemaDir());
        CommandRun thumbnails = run("thumbnails", "--alerts", good.toString(), "--schema-dir", schemaDir(), "--out",
                dir.resolve("thumbs").toString());

        assertThat(xmatch.code()).isZero();
        assertThat(xmatch.errLines()).last().isEqualTo("xmatch: 4 alerts matched against 1 catalogue, 0 skipped");
        assertThat(check.code()).isZero();
        assertThat(check.errLines()).last().isEqualTo("watchlist check: 4 alerts matched against 1 source of "
                + list + ": 1 hit, 0 skipped");
        assertThat(thumbnails.code()).isZero();
        assertThat(thumbnails.out()).startsWith("thumbnails: 4 alerts rendered (12 images, 0 cutouts missing), "
                + "0 skipped;");
    }

    @Test
    void everyOfflineCommandShouldExitTwoForAMissingOrEmptyDirectory() throws Exception {
        Path list = watchlistAt("a1-ztf.avro");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (Path where : List.of(dir.resolve("absent"), empty)) {
            CommandRun xmatch = run("xmatch", "--catalogue", sdss(), "--alerts", where.toString());
            CommandRun check = run("watchlist", "check", "--file", list.toString(), "--alerts", where.toString());
            CommandRun thumbnails = run("thumbnails", "--alerts", where.toString(), "--out",
                    dir.resolve("t").toString());

            String expected = Files.exists(where) ? "no files found under [" + where + "]"
                    : "alert directory " + where + " does not exist";
            assertThat(List.of(xmatch, check, thumbnails)).allSatisfy(r -> {
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.out()).isEmpty();
                assertThat(r.errLines()).last().asString().contains(expected);
            });
        }
    }

    private void assertSkippedLines(CommandRun run, String command) {
        List<String> skipped = run.errLines().stream().filter(l -> l.startsWith(command + ": skipped ")).toList();
        assertThat(skipped).hasSize(5);
        assertThat(skipped.get(0)).isEqualTo(command + ": skipped " + alerts.resolve("b-empty.avro") + ": is empty");
        for (int i = 1; i < 4; i++) {
            assertThat(skipped.get(i)).startsWith(command + ": skipped " + alerts.resolve(BAD_FILES.get(i)) + ": ")
                    .contains("is neither an Avro OCF file");
        }
        assertThat(skipped.get(2)).endsWith("it starts with bytes ffd8ffe000104a46");
        assertThat(skipped.get(4)).startsWith(command + ": skipped " + alerts.resolve("f-truncated.avro") + ": ");
    }

    /** A watch list of the positions of the named alert files, 1" around each. */
    private Path watchlistAt(String... files) throws Exception {
        AlertDecoder decoder = new AlertDecoder(new SchemaDirectory(Path.of(schemaDir())),
                false, 1 << 24);
        StringBuilder csv = new StringBuilder("ra,dec,name,radius_arcsec\n");
        for (String file : files) {
            Alert alert = decoder.decode(Files.readAllBytes(good.resolve(file)));
            csv.append(String.format(Locale.ROOT, "%.7f,%.7f,%s,1%n", alert.raDeg(), alert.decDeg(), file));
        }
        return Files.writeString(dir.resolve("list.csv"), csv);
    }

    private static byte[] jpeg() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static String sdss() {
        return ProjectFiles.root().resolve("samples/catalogues/sdss_dr14_star_galaxy_qso_2k.csv").toString();
    }

    private static String schemaDir() {
        return SharedData.path("rubin/schema").toString();
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(args);
    }
}
