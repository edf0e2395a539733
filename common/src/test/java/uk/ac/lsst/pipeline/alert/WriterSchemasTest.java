package uk.ac.lsst.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class WriterSchemasTest {
    private static final Schema ALERT = SchemaBuilder.record("alert").namespace("ztf").fields()
            .requiredLong("candid").optionalDouble("ra").optionalDouble("dec").endRecord();

    @Test
    void shouldGiveOneInstanceForOneText() throws AlertDecodeException {
        WriterSchemas schemas = new WriterSchemas();
        assertThat(schemas.parse(ALERT.toString())).isSameAs(schemas.parse(ALERT.toString()));
    }

    @Test
    void shouldGiveTheFirstInstanceForAnotherTextOfAnEqualSchema() throws AlertDecodeException {
        WriterSchemas schemas = new WriterSchemas();
        Schema compact = schemas.parse(ALERT.toString());
        Schema pretty = schemas.parse(ALERT.toString(true));
        assertThat(ALERT.toString(true)).isNotEqualTo(ALERT.toString());
        assertThat(pretty).isSameAs(compact);
    }

    @Test
    void shouldKeepSchemasThatDifferApart() throws AlertDecodeException {
        WriterSchemas schemas = new WriterSchemas();
        Schema other = SchemaBuilder.record("alert").namespace("ztf").fields().requiredLong("candid").endRecord();
        assertThat(schemas.parse(other.toString())).isNotSameAs(schemas.parse(ALERT.toString()))
                .isEqualTo(other);
    }
}
