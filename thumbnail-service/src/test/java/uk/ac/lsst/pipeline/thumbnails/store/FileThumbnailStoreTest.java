package uk.ac.lsst.pipeline.thumbnails.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.Survey;

class FileThumbnailStoreTest {
    @TempDir
    Path root;

    @Test
    void shouldLayOutImagesBySurveyObjectAndAlert() {
        assertThat(ThumbnailKeys.key(Survey.ZTF, "ZTF18abjrdau", 697252845015010002L, CutoutKind.SCIENCE, "jpg"))
                .isEqualTo("ztf/ZTF18abjrdau/697252845015010002_science.jpg");
        assertThat(ThumbnailKeys.key(Survey.RUBIN, "169298432601096247", 169298432601096247L,
                CutoutKind.DIFFERENCE, "png"))
                .isEqualTo("rubin/169298432601096247/169298432601096247_difference.png");
    }

    @Test
    void shouldMakeUntrustedObjectIdsSafePathSegments() {
        assertThat(ThumbnailKeys.safeSegment("../../etc")).isEqualTo("_._.._etc");
        assertThat(ThumbnailKeys.safeSegment("..")).isEqualTo("_.");
        assertThat(ThumbnailKeys.safeSegment(".hidden")).isEqualTo("_hidden");
        assertThat(ThumbnailKeys.safeSegment("a/b\\c d")).isEqualTo("a_b_c_d");
        assertThat(ThumbnailKeys.safeSegment("")).isEqualTo("_");
        assertThat(ThumbnailKeys.safeSegment("ss123-4_5.6")).isEqualTo("ss123-4_5.6");
        assertThat(ThumbnailKeys.safeSegment("x".repeat(500))).hasSize(128);
    }

    @Test
    void shouldReplaceAnImageAtomicallyAndLeaveNoTemporaryFile() throws Exception {
        FileThumbnailStore store = new FileThumbnailStore(root);
        String key = "ztf/ZTF18abc/1_science.jpg";

        store.put(key, new byte[] {1, 2, 3});
        store.put(key, new byte[] {4, 5});

        assertThat(Files.readAllBytes(root.resolve(key))).containsExactly(4, 5);
        assertThat(allFiles()).containsExactly(root.resolve(key));
    }

    @Test
    void shouldStepOverATemporaryFileLeftByAnEarlierProcessWithTheSamePid() throws Exception {
        FileThumbnailStore store = new FileThumbnailStore(root);
        String key = "ztf/ZTF18abc/1_science.jpg";
        Path leftover = root.resolve("ztf/ZTF18abc/.1_science.jpg." + ProcessHandle.current().pid() + "-1.tmp");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[] {9, 9, 9});

        store.put(key, new byte[] {1, 2});

        assertThat(Files.readAllBytes(root.resolve(key))).containsExactly(1, 2);
        assertThat(Files.readAllBytes(leftover)).as("someone else's file is left alone").containsExactly(9, 9, 9);
        assertThat(allFiles()).containsExactlyInAnyOrder(root.resolve(key), leftover);
    }

    @Test
    void shouldGiveImagesTheDefaultPermissionsSoAWebServerCanReadThem() throws Exception {
        FileThumbnailStore store = new FileThumbnailStore(root);
        store.put("ztf/o/1_science.jpg", new byte[] {1});
        Path reference = Files.createFile(root.resolve("reference"));

        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root.resolve("ztf/o/1_science.jpg"));

        assertThat(permissions).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void shouldKeepOneWholeVersionWhenThreadsWriteTheSameImage() throws Exception {
        FileThumbnailStore store = new FileThumbnailStore(root);
        String key = "rubin/42/42_template.png";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            byte[] version = new byte[100_000];
            java.util.Arrays.fill(version, (byte) t);
            writes.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    store.put(key, version);
                }
                return null;
            }));
        }
        for (Future<?> w : writes) {
            w.get();
        }
        pool.shutdown();

        byte[] stored = Files.readAllBytes(root.resolve(key));
        assertThat(stored).hasSize(100_000);
        assertThat(new java.util.HashSet<>(java.util.Arrays.asList(box(stored)))).hasSize(1);
        assertThat(allFiles()).containsExactly(root.resolve(key));
    }

    @Test
    void shouldRefuseKeysLeavingTheRoot() throws Exception {
        FileThumbnailStore store = new FileThumbnailStore(root);

        assertThatThrownBy(() -> store.put("../outside.jpg", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> allFiles() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Byte[] box(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return boxed;
    }
}
