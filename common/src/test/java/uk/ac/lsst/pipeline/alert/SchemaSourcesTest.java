package uk.ac.lsst.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaSourcesTest {
    private static final Schema SCHEMA = Schema.create(Schema.Type.LONG);
    private static final SchemaSource KNOWS_42 = id -> {
        if (id == 42) {
            return SCHEMA;
        }
        throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA, "only 42");
    };
    private static final SchemaSource DOWN = id -> {
        throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE, "down");
    };

    @Test
    void shouldKnowNoSchemaWhenNone() {
        assertThatThrownBy(() -> SchemaSources.none().schema(900))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA));
    }

    @Test
    void shouldReturnTheFirstSchemaFound() throws Exception {
        assertThat(SchemaSources.firstOf(SchemaSources.none(), DOWN, KNOWS_42).schema(42)).isSameAs(SCHEMA);
    }

    @Test
    void shouldReportUnavailableWhenASourceThatMightKnowCouldNotBeAsked() {
        assertThatThrownBy(() -> SchemaSources.firstOf(KNOWS_42, DOWN).schema(7))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.SCHEMA_UNAVAILABLE));
    }

    @Test
    void shouldReportUnknownWhenEverySourceAnswersUnknown() {
        assertThatThrownBy(() -> SchemaSources.firstOf(KNOWS_42, SchemaSources.none()).schema(7))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA));
    }
}
