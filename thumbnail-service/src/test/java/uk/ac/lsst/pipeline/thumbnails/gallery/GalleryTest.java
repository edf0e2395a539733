package uk.ac.lsst.pipeline.thumbnails.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.TestFits;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;

class GalleryTest {
    @TempDir
    Path out;
    @TempDir
    Path in;

    @Test
    void shouldWriteAGalleryOfEveryTripletWithObjectIdsAndListFailures() throws Exception {
        Files.write(in.resolve("a-ztf.avro"), TestAlerts.bytes(TestAlerts.ZTF));
        Files.write(in.resolve("b-rubin.avro"), TestAlerts.bytes(TestAlerts.RUBIN));
        Files.write(in.resolve("c-jpeg.avro"), TestAlerts.bytes(TestAlerts.ZTF_JPEG));
        Files.write(in.resolve("d-bad.avro"), TestAlerts.ztfWithStamp(TestAlerts.bytes(TestAlerts.ZTF),
                "cutoutTemplate", TestFits.gzipBomb(64L << 20)));
        Files.writeString(in.resolve("e-notes.txt"), "not an alert");
        AlertDiscovery files = AlertFiles.scan(List.of(in));

        Gallery.Result result = Gallery.render(files, TestAlerts.decoder(), out, RenderOptions.defaults(),
                4 * 1024 * 1024);

        assertThat(result.rendered()).isEqualTo(3);
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.images()).isEqualTo(9);
        assertThat(result.entries().get(0).file()).isEqualTo(in.resolve("e-notes.txt"));
        assertThat(result.entries().get(0).reason()).isEqualTo("unknown-format");
        assertThat(result.entries().get(4).reason()).isEqualTo("cutout-too-large");
        String html = Files.readString(result.index(), StandardCharsets.UTF_8);
        assertThat(html).contains("ZTF18acsbuxi", "169298432734265405", "697252845015010002", "d-bad.avro",
                "cutout-too-large", "e-notes.txt", "unknown-format");
        Matcher src = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertThat(ImageIO.read(out.resolve(src.group(1)).toFile())).isNotNull();
            images++;
        }
        assertThat(images).isEqualTo(9);
        assertThat(Files.readAllLines(out.resolve(Gallery.RECORDS))).hasSize(3);
    }

    @Test
    void shouldRenderEverySharedAlert() throws Exception {
        AlertDiscovery files = AlertFiles.scan(List.of(SharedData.path("ztf/alerts"),
                SharedData.path("rubin/alerts")));

        Gallery.Result result = Gallery.render(files, TestAlerts.decoder(), out, RenderOptions.defaults(),
                4 * 1024 * 1024);

        assertThat(files.problems()).isEmpty();
        assertThat(result.failed()).isZero();
        assertThat(result.rendered()).isEqualTo(files.files().size());
    }

    @Test
    void shouldEscapeHtml() {
        assertThat(Gallery.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
