package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;

class AlertDecoderBadInputTest {
    private static final long SEED = 20250905L;
    private static final SchemaDirectory RUBIN = new SchemaDirectory(SharedData.rubinSchemaDir());
    private static final Schema LONG_ARRAY = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"numbers\",\"fields\":[{\"name\":\"values\",\"type\":"
                    + "{\"type\":\"array\",\"items\":\"long\"}}]}");
    private static final int LONG_ARRAY_ID = 7;

    private final AlertDecoder decoder = new AlertDecoder(
            SchemaSources.firstOf(RUBIN, id -> {
                if (id == LONG_ARRAY_ID) {
                    return LONG_ARRAY;
                }
                throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA, "test source knows only id 7");
            }),
            true, 1 << 20);

    private final byte[] ztf11 = SharedData.bytes("ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro");
    private final byte[] ztf33 = SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro");
    private final byte[] ztf402 = SharedData.bytes("ztf/alerts/misc/boom_2695378462115010012.v4_02.avro");
    private final byte[] smallWire = SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");
    private final byte[] boomWire = SharedData.bytes("rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin");
    private final byte[] finkOcf = SharedData.bytes(
            "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro");

    @Test
    void shouldRejectNullAndEmptyMessagesAsEmpty() {
        assertFailure(null, DecodeFailure.EMPTY);
        assertFailure(new byte[0], DecodeFailure.EMPTY);
        assertThatThrownBy(() -> AlertDecoder.detectFormat(new byte[0]))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.EMPTY));
    }

    @Test
    void shouldDetectFormatsByTheirFirstBytes() throws Exception {
        assertThat(AlertDecoder.detectFormat(ztf33)).isEqualTo(AlertFormat.OCF);
        assertThat(AlertDecoder.detectFormat(boomWire)).isEqualTo(AlertFormat.CONFLUENT_WIRE);
        assertThat(AlertDecoder.detectFormat(new byte[] {0, 0, 0, 3, (byte) 0x84}))
                .isEqualTo(AlertFormat.CONFLUENT_WIRE);
        for (byte[] other : new byte[][] {{0, 0, 0, 3}, {'O', 'b', 'j', 2, 0}, {'O', 'b', 'j'},
                "{\"candid\": 1}".getBytes(StandardCharsets.UTF_8), {1, 2, 3, 4, 5, 6}}) {
            assertThatThrownBy(() -> AlertDecoder.detectFormat(other))
                    .isInstanceOfSatisfying(AlertDecodeException.class,
                            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_FORMAT));
            assertFailure(other, DecodeFailure.UNKNOWN_FORMAT);
        }
    }

    @Test
    void shouldDetectACompactAlertByItsSingleObjectMagic() throws Exception {
        assertThat(AlertDecoder.detectFormat(compact())).isEqualTo(AlertFormat.COMPACT);
        byte[] shortOfAFingerprint = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7};
        byte[] otherSecondByte = {(byte) 0xC3, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        for (byte[] other : new byte[][] {shortOfAFingerprint, otherSecondByte}) {
            assertFailure(other, DecodeFailure.UNKNOWN_FORMAT);
        }
    }

    @Test
    void shouldRejectACompactAlertOfAnUnknownSchemaFingerprint() {
        byte[] unknown = compact().clone();
        unknown[2] ^= 0x01;

        assertThatThrownBy(() -> decoder.decode(unknown))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA);
                    assertThat(e.getMessage()).contains("compact alert schema fingerprint");
                });
    }

    @Test
    void shouldRejectEveryTruncationOfACompactAlert() {
        assertEveryTruncationFails(compact(), 1, 10);
    }

    @Test
    void shouldRejectACompactAlertWithTrailingGarbage() {
        assertFailure(append(compact(), 0), DecodeFailure.CORRUPT);
        assertFailure(append(compact(), 1, 2, 3), DecodeFailure.CORRUPT);
    }

    @Test
    void shouldRejectCompactBytesStatedAsAnotherFormatAndTheOtherWayRound() {
        for (AlertFormat stated : new AlertFormat[] {AlertFormat.OCF, AlertFormat.CONFLUENT_WIRE}) {
            assertThatThrownBy(() -> decoder.decode(compact(), stated))
                    .isInstanceOfSatisfying(AlertDecodeException.class,
                            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT));
        }
        for (byte[] other : new byte[][] {ztf33, boomWire}) {
            assertThatThrownBy(() -> decoder.decode(other, AlertFormat.COMPACT))
                    .isInstanceOfSatisfying(AlertDecodeException.class,
                            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT));
        }
    }

    @Test
    void shouldRejectMessagesOverTheSizeLimit() {
        AlertDecoder small = new AlertDecoder(SchemaSources.none(), true, 1000);

        assertThatThrownBy(() -> small.decode(ztf33))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.TOO_LARGE);
                    assertThat(e.getMessage()).contains("too-large", String.valueOf(ztf33.length), "1000");
                });
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        byte[] unknownId = boomWire.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 4242);

        assertFailure(unknownId, DecodeFailure.UNKNOWN_SCHEMA);
        assertThatThrownBy(() -> new AlertDecoder(SchemaSources.none(), true, 1 << 20).decode(boomWire))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA));
    }

    @Test
    void shouldReportAFailingSchemaSourceAsUnavailable() {
        AlertDecoder broken = new AlertDecoder(id -> {
            throw new IllegalStateException("registry client bug");
        }, true, 1 << 20);

        assertThatThrownBy(() -> broken.decode(boomWire))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.SCHEMA_UNAVAILABLE));
    }

    @Test
    void shouldRejectBytesThatDoNotMatchTheStatedFormat() {
        assertThatThrownBy(() -> decoder.decode(boomWire, AlertFormat.OCF))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT));
        assertThatThrownBy(() -> decoder.decode(ztf33, AlertFormat.CONFLUENT_WIRE))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT));
    }

    @Test
    void shouldRejectTrailingGarbage() {
        assertFailure(append(boomWire, 0), DecodeFailure.CORRUPT);
        assertFailure(append(smallWire, 1, 2, 3), DecodeFailure.CORRUPT);
        assertFailure(append(ztf33, 2, 2, 0), DecodeFailure.CORRUPT);
    }

    @Test
    void shouldRejectEveryTruncationOfSmallMessages() {
        assertEveryTruncationFails(ztf11, 1, 4);
        assertEveryTruncationFails(smallWire, 1, 5);
    }

    @Test
    void shouldRejectASampleOfTruncationsOfLargeMessages() {
        assertEveryTruncationFails(ztf402, 7, 4);
        assertEveryTruncationFails(finkOcf, 11, 4);
        assertEveryTruncationFails(boomWire, 7, 5);
    }

    @Test
    void shouldRaiseOnlyDecodeExceptionsForSeededRandomBytes() {
        Random random = new Random(SEED);
        byte[][] prefixes = {{}, {'O', 'b', 'j', 1}, {0, 0, 0, 3, (byte) 0x84}, {0, 0, 0, 4, 0x4d},
                {0, 0, 0, 0, LONG_ARRAY_ID}, Arrays.copyOf(compact(), 10)};
        Set<DecodeFailure> seen = EnumSet.noneOf(DecodeFailure.class);
        for (int i = 0; i < 5000; i++) {
            byte[] prefix = prefixes[i % prefixes.length];
            byte[] noise = new byte[random.nextInt(2000)];
            random.nextBytes(noise);
            byte[] message = concat(prefix, noise);
            seen.add(outcome(message, "random message " + i + " (seed " + SEED + ")"));
        }
        assertThat(seen).contains(DecodeFailure.UNKNOWN_FORMAT, DecodeFailure.CORRUPT);
    }

    @Test
    void shouldRaiseOnlyDecodeExceptionsForSeededByteFlipsOfRealAlerts() {
        Random random = new Random(SEED);
        for (byte[] original : new byte[][] {boomWire, smallWire, ztf33, finkOcf, compact()}) {
            for (int i = 0; i < 400; i++) {
                byte[] mutated = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // flips land after the OCF header half of the time, where they reach the datum
                    int at = random.nextBoolean() ? random.nextInt(mutated.length)
                            : mutated.length - 1 - random.nextInt(Math.min(mutated.length, 20_000));
                    mutated[at] = (byte) random.nextInt(256);
                }
                outcome(mutated, "byte flip " + i + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void shouldRefuseImpossibleLengthsWithoutAllocatingThem() {
        byte[] hugeMetadataKey = concat(new byte[] {'O', 'b', 'j', 1, 2}, varint(1L << 30));
        byte[] hugeString = concat(new byte[] {0, 0, 0, 3, (byte) 0x84, 0x0a, 0x02}, varint(1L << 40));
        byte[] hugeArray = concat(new byte[] {0, 0, 0, 0, LONG_ARRAY_ID}, varint(Integer.MAX_VALUE - 16L));
        byte[] negativeArray = concat(new byte[] {0, 0, 0, 0, LONG_ARRAY_ID}, varint(Long.MIN_VALUE));
        byte[] hugeBlock = concat(emptyContainer(ztf33), concat(varint(1), varint(Integer.MAX_VALUE - 16L)));
        // a compact alert whose schemaVersion (after the survey's enum index 0) claims 2^40 bytes
        byte[] hugeCompactString = concat(Arrays.copyOf(compact(), 11), varint(1L << 40));

        for (byte[] hostile : new byte[][] {hugeMetadataKey, hugeString, hugeArray, negativeArray, hugeBlock,
                hugeCompactString}) {
            long before = allocatedBytes();
            assertFailure(hostile, DecodeFailure.CORRUPT);
            assertThat(allocatedBytes() - before).as("bytes allocated while decoding").isLessThan(50_000_000L);
        }
    }

    @Test
    void shouldRejectAnEmptyContainerAsCorrupt() throws Exception {
        byte[] empty = emptyContainer(ztf33);

        assertThatThrownBy(() -> decoder.decode(empty))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT);
                    assertThat(e.getMessage()).contains("no record");
                });
    }

    @Test
    void shouldRejectAContainerOfTwoAlertsAsNotAnAlert() throws Exception {
        GenericRecord alert = ReferenceReader.ocfRecord(ztf33);

        assertFailure(ocf(alert.getSchema(), CodecFactory.nullCodec(), alert, alert), DecodeFailure.NOT_AN_ALERT);
    }

    @Test
    void shouldRejectACompressedContainerAsCorrupt() throws Exception {
        GenericRecord alert = ReferenceReader.ocfRecord(ztf33);

        assertThatThrownBy(() -> decoder.decode(ocf(alert.getSchema(), CodecFactory.deflateCodec(6), alert)))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT);
                    assertThat(e.getMessage()).contains("deflate");
                });
    }

    @Test
    void shouldRejectABrokenSyncMarker() {
        byte[] broken = ztf33.clone();
        broken[broken.length - 1] ^= 0x55;

        assertFailure(broken, DecodeFailure.CORRUPT);
    }

    @Test
    void shouldRejectRecordsOfOtherShapesAsNotAnAlert() throws Exception {
        GenericRecord numbers = new GenericData.Record(LONG_ARRAY);
        numbers.put("values", java.util.List.of(1L, 2L));
        GenericRecord fink = ReferenceReader.ocfRecord(finkOcf);
        fink.put("diaSource", null);

        assertFailure(ocf(LONG_ARRAY, CodecFactory.nullCodec(), numbers), DecodeFailure.NOT_AN_ALERT);
        assertFailure(new byte[] {0, 0, 0, 0, LONG_ARRAY_ID, 4, 2, 4, 0}, DecodeFailure.NOT_AN_ALERT);
        assertFailure(ocf(fink.getSchema(), CodecFactory.nullCodec(), fink), DecodeFailure.NOT_AN_ALERT);
    }

    /** The compact form of the schema 4.02 ZTF alert. */
    private byte[] compact() {
        try {
            return CompactAlerts.encode(decoder.decode(ztf402));
        } catch (AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertEveryTruncationFails(byte[] message, int step, int firstFramedLength) {
        int checked = 0;
        for (int length = 0; length < message.length; length += length < 64 ? 1 : step) {
            byte[] truncated = Arrays.copyOf(message, length);
            DecodeFailure expected = length == 0 ? DecodeFailure.EMPTY
                    : length < firstFramedLength ? DecodeFailure.UNKNOWN_FORMAT : DecodeFailure.CORRUPT;
            assertThat(outcome(truncated, "truncation to " + length + " bytes")).as("length " + length)
                    .isEqualTo(expected);
            checked++;
        }
        assertThat(outcome(Arrays.copyOf(message, message.length - 1), "truncation by one byte"))
                .isEqualTo(DecodeFailure.CORRUPT);
        assertThat(checked).isGreaterThan(100);
    }

    /** The failure of decoding, or null when it decoded; any other throwable fails the test. */
    private DecodeFailure outcome(byte[] message, String what) {
        try {
            decoder.decode(message);
            return null;
        } catch (AlertDecodeException e) {
            return e.failure();
        } catch (Throwable t) {
            return fail(what + " escaped as " + t, t);
        }
    }

    private void assertFailure(byte[] message, DecodeFailure expected) {
        assertThatThrownBy(() -> decoder.decode(message))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(expected));
    }

    private static byte[] ocf(Schema schema, CodecFactory codec, GenericRecord... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.setCodec(codec);
            writer.create(schema, out);
            for (GenericRecord record : records) {
                writer.append(record);
            }
        }
        return out.toByteArray();
    }

    /** An OCF with the writer schema of the given one and no record: a header only. */
    private static byte[] emptyContainer(byte[] ocf) {
        try {
            return ocf(ReferenceReader.ocfRecord(ocf).getSchema(), CodecFactory.nullCodec());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Avro's zig-zag varint encoding of a long. */
    private static byte[] varint(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] append(byte[] message, int... extra) {
        byte[] tail = new byte[extra.length];
        for (int i = 0; i < extra.length; i++) {
            tail[i] = (byte) extra[i];
        }
        return concat(message, tail);
    }
}
