package uk.ac.lsst.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfluentWireTest {

    @Test
    void shouldFrameADatumUnderItsSchemaId() throws Exception {
        byte[] frame = ConfluentWire.frame(1101, new byte[] {7, 8});

        assertThat(frame).containsExactly(0, 0, 0, 0x04, 0x4d, 7, 8);
        assertThat(ConfluentWire.schemaId(frame)).isEqualTo(1101);
    }

    @Test
    void shouldRefuseBytesThatAreNotAFrame() {
        assertThatThrownBy(() -> ConfluentWire.schemaId(new byte[] {0, 0, 3}))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT));
    }

    @Test
    void shouldNumberRubinVersionsAsTheRubinRegistryDoes() {
        assertThat(ConfluentWire.rubinVersion(900)).isEqualTo("9.0");
        assertThat(ConfluentWire.rubinVersion(1101)).isEqualTo("11.1");
        assertThat(ConfluentWire.rubinVersion(0)).isEmpty();
    }
}
