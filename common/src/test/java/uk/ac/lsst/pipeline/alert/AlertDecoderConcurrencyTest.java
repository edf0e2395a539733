package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AlertDecoderConcurrencyTest {
    private static final int THREADS = 8;

    @Test
    void shouldDecodeTheSameAsSequentiallyWhenSharedByManyThreads() throws Exception {
        List<byte[]> messages = Stream.of(SharedData.ztfAlerts(), SharedData.rubinOcfAlerts(), SharedData.rubinWireAlerts())
                .flatMap(List::stream).map(SharedData::bytes).toList();
        SchemaDirectory schemas = new SchemaDirectory(SharedData.rubinSchemaDir());
        AlertDecoder reference = new AlertDecoder(schemas, false, 1 << 20);
        List<Alert> sequential = new ArrayList<>();
        for (byte[] message : messages) {
            sequential.add(reference.decode(message));
        }
        AlertDecoder shared = new AlertDecoder(schemas, false, 1 << 20);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<List<Alert>>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                tasks.add(() -> decodeRotated(shared, messages, offset));
            }
            for (Future<List<Alert>> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                List<Alert> decoded = result.get();
                assertThat(decoded).hasSameSizeAs(sequential);
                for (int i = 0; i < decoded.size(); i++) {
                    assertThat(decoded.get(i).alertId()).isEqualTo(sequential.get(i).alertId());
                    assertThat(decoded.get(i).record()).isEqualTo(sequential.get(i).record());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Decodes every message, starting at a different one per thread, and returns them in message order. */
    private static List<Alert> decodeRotated(AlertDecoder decoder, List<byte[]> messages, int offset)
            throws AlertDecodeException {
        Alert[] decoded = new Alert[messages.size()];
        for (int k = 0; k < messages.size(); k++) {
            int i = (k + offset * 7) % messages.size();
            decoded[i] = decoder.decode(messages.get(i));
        }
        return List.of(decoded);
    }
}
