package uk.ac.lsst.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.testing.SharedData;

class SchemaSourcesTest {
    private static final Schema SCHEMA = Schema.create(Schema.Type.LONG);
    private static final SchemaSource KNOWS_42 = id -> {
        if (id == 42) {
            return SCHEMA;
        }
        throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA, "only 42");
    };
    private static final SchemaSource DOWN = id -> {
        throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE, "down");
    };

    @TempDir
    Path dir;

    @Test
    void shouldKnowNoSchemaWhenNoneAndSayHowToGiveThem() {
        assertThatThrownBy(() -> SchemaSources.none().schema(900))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA))
                .hasMessageContaining("schema id 900").hasMessageContaining("SCHEMA_DIR (--schema-dir)")
                .hasMessageContaining("SCHEMA_REGISTRY_URL");
    }

    @Test
    void defaultsShouldDecodeWireFormatThroughSchemasBundledInADirectoryOnTheClassPath() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        copySchemas(classes.resolve(SchemaSources.BUNDLED));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertDecodesEveryWireFormatSample(SchemaSources.defaults(loader));
        }
    }

    @Test
    void defaultsShouldDecodeWireFormatThroughSchemasBundledInAJar() throws Exception {
        Path staged = dir.resolve("staged");
        copySchemas(staged.resolve(SchemaSources.BUNDLED));
        Path jar = jar(staged, dir.resolve("schemas.jar"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertDecodesEveryWireFormatSample(SchemaSources.defaults(loader));
        }
    }

    @Test
    void defaultsShouldBeNoneWithoutBundledSchemas() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> SchemaSources.defaults(empty).schema(900))
                    .isInstanceOf(AlertDecodeException.class).hasMessageContaining("no schema source configured");
        }
    }

    /** Every Confluent wire-format sample of the shared data decodes, with no schema setting at all. */
    private static void assertDecodesEveryWireFormatSample(SchemaSource schemas) throws Exception {
        AlertDecoder decoder = new AlertDecoder(schemas, false, 16 << 20);
        List<Path> samples = SharedData.files("rubin/alerts/wire-format", ".bin");
        assertThat(samples).hasSize(5);
        for (Path sample : samples) {
            Alert alert = decoder.decode(Files.readAllBytes(sample));
            assertThat(alert.survey()).as(sample.toString()).isEqualTo(Survey.RUBIN);
            assertThat(alert.schemaId()).isIn(900, 1000, 1100, 1101);
            assertThat(alert.hasUsablePosition()).isTrue();
        }
    }

    /** The shared Rubin schemas, copied at test time into a class path layout (they are not in the repository). */
    private static void copySchemas(Path target) throws IOException {
        Path source = SharedData.path("rubin/schema");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    /** A jar of every file under {@code root}, with directory entries as Maven writes them. */
    private static Path jar(Path root, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !p.equals(root)).sorted().toList()) {
                String name = root.relativize(path).toString().replace('\\', '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
                if (Files.isRegularFile(path)) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void shouldReturnTheFirstSchemaFound() throws Exception {
        assertThat(SchemaSources.firstOf(SchemaSources.none(), DOWN, KNOWS_42).schema(42)).isSameAs(SCHEMA);
    }

    @Test
    void shouldReportUnavailableWhenASourceThatMightKnowCouldNotBeAsked() {
        assertThatThrownBy(() -> SchemaSources.firstOf(KNOWS_42, DOWN).schema(7))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.SCHEMA_UNAVAILABLE));
    }

    @Test
    void shouldReportUnknownWhenEverySourceAnswersUnknown() {
        assertThatThrownBy(() -> SchemaSources.firstOf(KNOWS_42, SchemaSources.none()).schema(7))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA));
    }
}
