package uk.ac.lsst.pipeline.alert.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.testing.SharedData;

class CompactAlertsTest {
    private static final SchemaDirectory RUBIN_SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());

    private final AlertDecoder decoder = new AlertDecoder(RUBIN_SCHEMAS, true, 1 << 20);
    private final AlertDecoder withoutCutouts = new AlertDecoder(RUBIN_SCHEMAS, false, 1 << 20);

    static Stream<Named<Path>> everySample() {
        return Stream.of(SharedData.ztfAlerts(), SharedData.rubinOcfAlerts(), SharedData.rubinWireAlerts())
                .flatMap(List::stream)
                .map(p -> Named.of(SharedData.name(p), p));
    }

    @ParameterizedTest
    @MethodSource("everySample")
    void shouldDecodeToTheSameAlertViewAndPhotometry(Path file) throws Exception {
        byte[] upstream = SharedData.bytes(file);
        Alert full = decoder.decode(upstream);

        byte[] compact = CompactAlerts.encode(full);
        Alert decoded = decoder.decode(compact);

        assertThat(AlertDecoder.detectFormat(compact)).isEqualTo(AlertFormat.COMPACT);
        assertThat(decoded.format()).isEqualTo(AlertFormat.COMPACT);
        assertThat(decoded.schemaId()).isEqualTo(-1);
        assertThat(decoded).isEqualTo(asCompact(full, decoded.record()));
        assertThat(AlertPhotometry.of(decoded)).isEqualTo(AlertPhotometry.of(full));
        for (CutoutKind kind : CutoutKind.values()) {
            assertThat(decoded.cutout(kind)).isEmpty();
        }
        assertThat(compact.length).isLessThan(upstream.length);
    }

    /** The alert as a compact alert normalises it: same fields, format COMPACT, no schema id, the given record. */
    private static Alert asCompact(Alert full, GenericRecord record) {
        return new Alert(full.survey(), AlertFormat.COMPACT, full.schemaVersion(), -1, full.alertId(), full.objectId(),
                full.raDeg(), full.decDeg(), full.mjd(), full.band(), full.magnitude(), full.magnitudeErr(),
                full.fluxNJy(), full.fluxErrNJy(), record);
    }

    @ParameterizedTest
    @MethodSource("everySample")
    void shouldGiveTheSamePointsWhenTheUpstreamAlertWasDecodedWithoutCutouts(Path file) throws Exception {
        Alert full = withoutCutouts.decode(SharedData.bytes(file));

        Alert decoded = withoutCutouts.decode(CompactAlerts.encode(full));

        assertThat(AlertPhotometry.of(decoded)).isEqualTo(AlertPhotometry.of(full));
    }

    @Test
    void shouldWriteAvroSingleObjectEncodingReadableByPlainAvro() throws Exception {
        Alert full = decoder.decode(SharedData.bytes("ztf/alerts/misc/boom_2695378462115010012.v4_02.avro"));

        byte[] compact = CompactAlerts.encode(full);

        assertThat(compact[0]).isEqualTo((byte) 0xC3);
        assertThat(compact[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(compact, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(CompactAlertSchema.fingerprint(CompactAlertSchema.current()));
        GenericRecord plain = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), CompactAlertSchema.current())
                .decode(compact);
        assertThat(plain.get("objectId").toString()).isEqualTo("ZTF18abudxnw");
        assertThat(plain.get("alertId")).isEqualTo(2695378462115010012L);
        assertThat(plain.get("survey").toString()).isEqualTo("ZTF");
        assertThat(plain.get("schemaVersion").toString()).isEqualTo("4.02");
        // 7 detections and 3 upper limits in prv_candidates, 10 fp_hists entries
        assertThat((List<?>) plain.get("history")).hasSize(20);
    }

    @Test
    void shouldEncodeACompactAlertAgainToTheSameBytes() throws Exception {
        byte[] compact = CompactAlerts.encode(decoder.decode(SharedData.bytes(
                "rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin")));

        assertThat(CompactAlerts.encode(decoder.decode(compact))).isEqualTo(compact);
    }

    @Test
    void shouldRewriteACompactAlertWithANewIdAndPosition() throws Exception {
        Alert full = decoder.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro"));
        byte[] compact = CompactAlerts.encode(full);

        byte[] rewritten = new AlertRewriter(RUBIN_SCHEMAS).rewrite(compact, 42L, 1.0, -2.0);
        Alert cycled = decoder.decode(rewritten);

        assertThat(cycled.format()).isEqualTo(AlertFormat.COMPACT);
        assertThat(cycled.alertId()).isEqualTo(42L);
        assertThat(cycled.objectId()).isEqualTo(full.objectId());
        assertThat(cycled.raDeg()).isEqualTo(full.raDeg() + 1.0);
        assertThat(cycled.decDeg()).isEqualTo(full.decDeg() - 2.0);
        assertThat(AlertPhotometry.of(cycled)).isEqualTo(AlertPhotometry.of(full));
    }
}
