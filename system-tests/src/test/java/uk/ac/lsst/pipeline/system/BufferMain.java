package uk.ac.lsst.pipeline.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;

/**
 * A buffer as an OS process of its own, so that a test can kill its broker with SIGKILL or stop it with SIGTERM
 * and start it again on the same data directory and ports. Arguments: name, data directory, broker port,
 * controller port, and optionally the number of partitions of automatically created topics' default.
 * Runs until killed; SIGTERM shuts the broker down cleanly.
 */
public final class BufferMain {
    private BufferMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args[0];
        Path dataDir = Path.of(args[1]);
        Map<String, String> overrides = new HashMap<>(EmbeddedBuffer.fixedPorts(Integer.parseInt(args[2]),
                Integer.parseInt(args[3])));
        // a larger message limit than the broker default, as an alert buffer has
        overrides.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        EmbeddedBuffer buffer = EmbeddedBuffer.start(name, dataDir, false, overrides);
        Runtime.getRuntime().addShutdownHook(new Thread(buffer::close, "stop-" + name));
        System.out.println("buffer " + name + " ready at " + buffer.bootstrapServers());
        Thread.currentThread().join();
    }
}
