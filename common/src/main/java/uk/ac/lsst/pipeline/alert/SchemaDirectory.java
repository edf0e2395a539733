package uk.ac.lsst.pipeline.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Rubin alert schemas from a local directory laid out as lsst/alert_packet ships them:
 * {@code <root>/<major>.<minor>/lsst.v<major>_<minor>.*.avsc}, one subdirectory per version, the alert record in
 * {@code lsst.v<major>_<minor>.alert.avsc} and the types it names (diaSource, diaObject, ...) in the other files.
 * The schema id of a version is {@code major * 100 + minor}, as in Rubin's schema registry (9.0 is 900, 11.1 is
 * 1101). Other files and subdirectories are ignored.
 *
 * <p>Every version is loaded at construction: the files of one version are parsed in dependency order (a file
 * naming a type not yet defined is retried after the others), then the alert file. Immutable and thread-safe.
 */
public final class SchemaDirectory implements SchemaSource {
    private static final Pattern VERSION_DIR = Pattern.compile("(\\d{1,4})\\.(\\d{1,2})");

    private final Path root;
    private final Map<Integer, Schema> schemasById;

    /**
     * @throws IllegalArgumentException naming the path when it is not a directory, holds no version subdirectory,
     *                                  or a version's files are missing or do not parse
     * @throws UncheckedIOException     when a file cannot be read
     */
    public SchemaDirectory(Path root) {
        this.root = root;
        this.schemasById = Collections.unmodifiableMap(loadAll(root));
    }

    /**
     * The schemas of a directory on the class path (in a directory or a jar), laid out as on disk, such as
     * {@code rubin-schemas/9.0/lsst.v9_0.alert.avsc}.
     *
     * @param loader   where to look
     * @param resource the directory's resource name, without leading or trailing '/'
     * @return the schemas, or empty when the class path has no such directory
     * @throws IllegalArgumentException as {@link #SchemaDirectory(Path)} when it holds no usable schema
     * @throws UncheckedIOException     when the jar holding it cannot be opened
     */
    public static Optional<SchemaDirectory> onClasspath(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Optional.of(new SchemaDirectory(Path.of(uri)));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return Optional.of(new SchemaDirectory(jar.getPath(resource)));
            }
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException("cannot open the schemas at " + url, e instanceof IOException io ? io
                    : new IOException(e));
        }
    }

    /** The schema id of a version: {@code major * 100 + minor} ({@code minor} below 100). */
    public static int schemaId(int major, int minor) {
        if (major < 0 || minor < 0 || minor > 99) {
            throw new IllegalArgumentException("version " + major + "." + minor + " has no schema id");
        }
        return major * 100 + minor;
    }

    /** The schema ids found, ascending. */
    public SortedSet<Integer> ids() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(schemasById.keySet()));
    }

    /** The directory the schemas were loaded from. */
    public Path root() {
        return root;
    }

    @Override
    public Schema schema(int schemaId) throws AlertDecodeException {
        Schema schema = schemasById.get(schemaId);
        if (schema == null) {
            throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA,
                    "schema id " + schemaId + " is not in " + root + " (it holds " + ids() + ")");
        }
        return schema;
    }

    private static Map<Integer, Schema> loadAll(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("schema directory " + root + " is not a directory; expected one"
                    + " holding <major>.<minor>/lsst.v<major>_<minor>.alert.avsc and its dependencies");
        }
        Map<Integer, Schema> schemas = new TreeMap<>();
        for (Path dir : list(root)) {
            Matcher version = VERSION_DIR.matcher(dir.getFileName().toString());
            if (Files.isDirectory(dir) && version.matches()) {
                int major = Integer.parseInt(version.group(1));
                int minor = Integer.parseInt(version.group(2));
                schemas.put(schemaId(major, minor), loadVersion(dir, "lsst.v" + major + "_" + minor + "."));
            }
        }
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("schema directory " + root + " holds no <major>.<minor>"
                    + " subdirectory (such as 9.0/ with lsst.v9_0.alert.avsc)");
        }
        return schemas;
    }

    private static Schema loadVersion(Path dir, String prefix) {
        Path alertFile = dir.resolve(prefix + "alert.avsc");
        if (!Files.isRegularFile(alertFile)) {
            throw new IllegalArgumentException("schema version directory " + dir + " lacks " + alertFile.getFileName());
        }
        Map<Path, String> dependencies = new LinkedHashMap<>();
        for (Path file : list(dir)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".avsc") && !file.equals(alertFile)) {
                dependencies.put(file, read(file));
            }
        }
        Map<String, Schema> types = parseInDependencyOrder(dir, dependencies);
        try {
            return new Schema.Parser().addTypes(types.values()).parse(read(alertFile));
        } catch (AvroRuntimeException e) {
            throw new IllegalArgumentException("schema file " + alertFile + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Parses the files, retrying those that name types defined later, until all parse or none progresses. */
    private static Map<String, Schema> parseInDependencyOrder(Path dir, Map<Path, String> files) {
        Map<String, Schema> types = new LinkedHashMap<>();
        Map<Path, String> pending = new LinkedHashMap<>(files);
        while (!pending.isEmpty()) {
            int before = pending.size();
            List<String> errors = new ArrayList<>();
            for (Iterator<Map.Entry<Path, String>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, String> file = it.next();
                Schema.Parser parser = new Schema.Parser().addTypes(types.values());
                try {
                    parser.parse(file.getValue());
                    types.putAll(parser.getTypes());
                    it.remove();
                } catch (AvroRuntimeException e) {
                    errors.add(file.getKey().getFileName() + ": " + e.getMessage());
                }
            }
            if (pending.size() == before) {
                throw new IllegalArgumentException("schema files in " + dir + " do not parse in any order: " + errors);
            }
        }
        return types;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schema directory " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + file, e);
        }
    }
}
