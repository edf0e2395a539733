package uk.ac.lsst.pipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.spec.Substitution;

/**
 * Reads YAML (and JSON) documents as Jackson trees; resolves compose-style {@code ${VAR:-default}} values as the
 * pipeline file does ({@link Substitution}).
 */
final class Yaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML text (e.g. the output of {@code kubectl kustomize}). */
    static List<JsonNode> readAll(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The value with every {@code ${VAR:-default}} replaced by its default (an unset variable: empty). */
    static String withDefaults(String value) {
        return Substitution.defaults(value);
    }

    /** The name of the single variable of a {@code ${VAR:-default}} value, or null. */
    static String variableName(String value) {
        return Substitution.variableName(value);
    }

    /** The elements of an array node as text (an absent node gives an empty list). */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
