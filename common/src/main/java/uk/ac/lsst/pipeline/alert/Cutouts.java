package uk.ac.lsst.pipeline.alert;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Finds cutout stamps inside decoded alert records of either survey: the top-level fields {@code cutoutScience},
 * {@code cutoutTemplate}, {@code cutoutDifference}. ZTF holds a record {@code {fileName: string, stampData:
 * bytes}} (nullable from 4.02); Rubin holds nullable raw bytes. The record's buffers are left untouched (position
 * included), so concurrent readers of the same record are safe. A buffer that spans its whole backing array (as
 * the Avro decoder makes them) is handed over without a copy, so a cutout's bytes may be the record's own: no
 * reader of an alert writes to them.
 */
final class Cutouts {
    private Cutouts() {
    }

    /**
     * @param survey the alert's survey (the layout is told from the value, so this only documents intent)
     * @return empty when the record lacks the field (e.g. decoded without cutouts), or the value or its bytes are
     *         null
     */
    static Optional<Cutout> extract(Survey survey, GenericRecord record, CutoutKind kind) {
        Object value = Records.value(record, CutoutFields.fieldName(kind));
        if (value instanceof GenericRecord stamp) {
            return bytes(Records.value(stamp, "stampData"))
                    .map(data -> new Cutout(kind, Records.text(stamp, "fileName"), CutoutEncoding.detect(data), data));
        }
        return bytes(value).map(data -> new Cutout(kind, null, CutoutEncoding.detect(data), data));
    }

    private static Optional<byte[]> bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                    && buffer.remaining() == buffer.array().length) {
                return Optional.of(buffer.array());
            }
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return Optional.of(copy);
        }
        if (value instanceof byte[] array) {
            return Optional.of(array);
        }
        return Optional.empty();
    }
}
