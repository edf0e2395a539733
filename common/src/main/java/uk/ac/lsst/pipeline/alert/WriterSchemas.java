package uk.ac.lsst.pipeline.alert;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/**
 * Parses the writer schemas embedded in OCF headers, cached by their text: every ZTF message repeats the same
 * 20-30 KB of schema JSON, and the cached {@link Schema} instance also keys {@link DatumReaders}.
 *
 * <p>Texts that differ but describe equal schemas (the same schema written out by another Avro, as every re-encoded
 * copy of an alert is) map to one instance, the first parsed: the reader cache then finds it by identity instead of
 * comparing the whole schema, field by field, on every message.
 *
 * <p>Parsed as {@code DataFileStream} parses them (no name validation, no default validation), so the ZTF 1.x-3.x
 * unions {@code ["float","null"]} with {@code default: null} are accepted. Thread-safe; at most
 * {@value #MAX_CACHED} texts are cached, further ones are parsed per call.
 */
final class WriterSchemas {
    static final int MAX_CACHED = 256;

    private final ConcurrentMap<String, Schema> parsed = new ConcurrentHashMap<>();

    /**
     * @throws AlertDecodeException CORRUPT when the text is not an Avro schema
     */
    Schema parse(String schemaJson) throws AlertDecodeException {
        Schema cached = parsed.get(schemaJson);
        if (cached != null) {
            return cached;
        }
        Schema schema;
        try {
            schema = new Schema.Parser(NameValidator.NO_VALIDATION).setValidateDefaults(false).parse(schemaJson);
        } catch (RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "embedded writer schema does not parse: " + e, e);
        }
        Schema canonical = canonical(schema);
        if (parsed.size() < MAX_CACHED) {
            Schema raced = parsed.putIfAbsent(schemaJson, canonical);
            return raced == null ? canonical : raced;
        }
        return canonical;
    }

    /** An already cached schema equal to {@code schema}, else {@code schema} itself. */
    private Schema canonical(Schema schema) {
        for (Schema known : parsed.values()) {
            if (known.equals(schema)) {
                return known;
            }
        }
        return schema;
    }
}
