package uk.ac.lsst.pipeline.alert;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One decoded message before normalisation: the record and everything needed to write it back the same way.
 *
 * @param record       the decoded record (read with the writer schema, or its projection without cutouts)
 * @param writerSchema the schema the datum was written with
 * @param format       how the message was laid out
 * @param schemaId     the Confluent schema id, or -1 for OCF
 * @param container    the OCF framing (metadata, sync marker), or null for Confluent wire format
 */
record RawAlert(GenericRecord record, Schema writerSchema, AlertFormat format, int schemaId,
        OcfContainer container) {
}
