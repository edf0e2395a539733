package uk.ac.lsst.pipeline.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.SchemaRegistryClient;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.SchemaSources;

/**
 * Where the writer schemas of Confluent wire-format alerts (Rubin) come from:
 *
 * <pre>
 * SCHEMA_REGISTRY_URL        a Confluent-compatible schema registry, e.g. https://usdf-alert-schemas-dev.slac.stanford.edu
 * SCHEMA_REGISTRY_USERNAME / SCHEMA_REGISTRY_PASSWORD (or _FILE)   optional basic auth
 * SCHEMA_REGISTRY_TIMEOUT    per request (default PT5S)
 * SCHEMA_DIR                 a local directory laid out as &lt;major.minor&gt;/lsst.vM_m.*.avsc
 * </pre>
 *
 * Both may be given: the directory is asked first. With neither, the schemas bundled on the class path
 * ({@link SchemaSources#defaults()}) when there are any; else only OCF alerts (ZTF) can be decoded.
 */
public record SchemaSettings(Optional<URI> registryUrl, Optional<String> registryUser,
                             Optional<String> registryPassword, Duration registryTimeout, Optional<Path> schemaDir) {

    public static SchemaSettings none() {
        return new SchemaSettings(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Optional.empty());
    }

    public static SchemaSettings directory(Path dir) {
        return new SchemaSettings(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Optional.of(dir));
    }

    /** The schema source these settings describe: the directory first, then the registry; the defaults if neither. */
    public SchemaSource toSchemaSource() {
        List<SchemaSource> sources = new ArrayList<>();
        schemaDir.ifPresent(dir -> sources.add(new SchemaDirectory(dir)));
        registryUrl.ifPresent(url -> {
            SchemaRegistryClient.Settings s = SchemaRegistryClient.Settings.of(url).withTimeout(registryTimeout);
            if (registryUser.isPresent() && registryPassword.isPresent()) {
                s = s.withCredentials(registryUser.get(), registryPassword.get());
            }
            sources.add(new SchemaRegistryClient(s));
        });
        return sources.isEmpty() ? SchemaSources.defaults()
                : SchemaSources.firstOf(sources.toArray(SchemaSource[]::new));
    }

    public static SchemaSettings fromEnv(Env env) {
        Optional<URI> url = env.optional("SCHEMA_REGISTRY_URL").flatMap(u -> {
            try {
                URI uri = URI.create(u);
                if (uri.getScheme() != null && uri.getScheme().startsWith("http")) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            env.problem("SCHEMA_REGISTRY_URL='" + u + "' is invalid: expected an http(s) URL");
            return Optional.empty();
        });
        Optional<String> user = env.optional("SCHEMA_REGISTRY_USERNAME");
        Optional<String> password = env.optional("SCHEMA_REGISTRY_PASSWORD");
        if (user.isPresent() != password.isPresent()) {
            env.problem("SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD must be given together");
        }
        Duration timeout = env.duration("SCHEMA_REGISTRY_TIMEOUT", Duration.ofSeconds(5));
        Optional<Path> dir = env.optional("SCHEMA_DIR").map(Path::of);
        dir.filter(d -> !Files.isDirectory(d)).ifPresent(d ->
                env.problem("SCHEMA_DIR='" + d + "' is not a directory: expected a directory of <major.minor>/*.avsc"));
        return new SchemaSettings(url, user, password, timeout, dir);
    }
}
