package uk.ac.lsst.pipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;

/** {@code pipeline buffers}: the pipeline file's local buffers as in-process Kafka brokers, for a laptop. */
@Command(name = "buffers", mixinStandardHelpOptions = true,
        description = {"Start one single-node KRaft Kafka broker in this process for every buffer of the pipeline "
                + "file whose bootstrap is one localhost:PORT address, on that port, with its data under --data.",
                "Runs until Ctrl-C. Then 'pipeline apply' creates the topics and 'pipeline stage NAME -f FILE' "
                        + "runs each stage against them."})
public final class BuffersCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--data", defaultValue = "target/buffers", paramLabel = "DIR",
            description = "Where each buffer keeps its data, in DIR/<buffer> (default ${DEFAULT-VALUE}); kept on exit.")
    Path data;

    @Override
    int run() throws Exception {
        PipelineSpec spec = pipeline.load();
        List<EmbeddedBuffer> started = new ArrayList<>();
        try {
            for (BufferSpec b : spec.buffers().values()) {
                String[] hostPort = b.bootstrap().split(":");
                boolean local = !b.bootstrap().contains(",") && hostPort.length == 2
                        && (hostPort[0].equals("localhost") || hostPort[0].equals("127.0.0.1"));
                if (!local) {
                    System.out.printf("  %-10s %s: not local, not started%n", b.name(), b.bootstrap());
                    continue;
                }
                int port = Integer.parseInt(hostPort[1]);
                // the controller on a port derived from the broker's, so that a restart on the same data keeps both
                int controller = port + 10_000 <= 65_535 ? port + 10_000 : EmbeddedBuffer.freePort();
                EmbeddedBuffer buffer = EmbeddedBuffer.start(b.name(), data.resolve(b.name()), false,
                        EmbeddedBuffer.fixedPorts(port, controller));
                started.add(buffer);
                System.out.printf("  %-10s up at %s (data in %s)%n", b.name(), buffer.bootstrapServers(),
                        data.resolve(b.name()));
            }
            if (started.isEmpty()) {
                System.err.println("pipeline: no buffer of " + spec.source() + " is at localhost:PORT");
                return 2;
            }
            System.out.println("Buffers are up; Ctrl-C stops them.");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(EmbeddedBuffer::close)));
            Thread.currentThread().join();
            return 0;
        } catch (IllegalStateException e) {
            started.forEach(EmbeddedBuffer::close);
            System.err.println("pipeline: " + e.getMessage());
            return 1;
        }
    }
}
