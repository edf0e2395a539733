package uk.ac.lsst.pipeline.alert;

import org.apache.avro.Schema;

/**
 * Where writer schemas of Confluent wire-format messages come from. Implementations are thread-safe and cache.
 */
public interface SchemaSource {

    /**
     * The writer schema registered under {@code schemaId}.
     *
     * @throws AlertDecodeException {@link DecodeFailure#UNKNOWN_SCHEMA} when the id is not known,
     *                              {@link DecodeFailure#SCHEMA_UNAVAILABLE} when the source cannot be reached
     */
    Schema schema(int schemaId) throws AlertDecodeException;
}
