package uk.ac.lsst.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.lsst.pipeline.features.LightCurves.alert;
import static uk.ac.lsst.pipeline.features.LightCurves.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.features.state.FeatureStateSerde;
import uk.ac.lsst.pipeline.features.state.StateLimits;

class FeatureStateSizeTest {
    /** The largest state: every band seen, both latest positives and a colour pair, 64 detections kept. */
    static final int MAX_STATE_BYTES = 1800;

    private final FeatureCalculator calculator = new FeatureCalculator();

    @Test
    void shouldStayUnderTheBoundWithEveryBandAndAFullKeptList() {
        List<PhotometryPoint> points = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            points.add(detection(60000 + k * 0.02, Bands.ALL.get(k % 6), 18 + (k % 7) * 0.1, true));
        }
        FeatureState state = calculator.update(null, alert(points.get(499), points.subList(0, 499))).state();

        byte[] bytes = FeatureStateSerde.toBytes(state);

        assertThat(state.kept()).hasSize(StateLimits.DEFAULT.maxKept());
        assertThat(state.bands()).hasSize(6);
        assertThat(state.colourPair()).isNotNull();
        assertThat(bytes.length).isLessThanOrEqualTo(MAX_STATE_BYTES);
        assertThat(FeatureStateSerde.fromBytes(bytes)).isEqualTo(state);
    }

    @Test
    void shouldRoundTripTheEmptyStateAndATombstone() {
        assertThat(FeatureStateSerde.fromBytes(FeatureStateSerde.toBytes(FeatureState.empty())))
                .isEqualTo(FeatureState.empty());
        assertThat(FeatureStateSerde.serde().serializer().serialize("t", null)).isNull();
        assertThat(FeatureStateSerde.serde().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectBytesThatAreNotAState() {
        byte[] state = FeatureStateSerde.toBytes(calculator.update(null,
                alert(detection(60000, "g", 18, true), List.of())).state());
        byte[] otherFingerprint = state.clone();
        otherFingerprint[5] ^= 0x10;

        for (byte[] bad : new byte[][] {{}, {1, 2, 3}, Arrays.copyOf(state, state.length - 3),
                otherFingerprint}) {
            assertThatThrownBy(() -> FeatureStateSerde.fromBytes(bad))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("feature state");
        }
    }
}
