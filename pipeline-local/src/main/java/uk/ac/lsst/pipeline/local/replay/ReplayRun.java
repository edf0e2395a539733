package uk.ac.lsst.pipeline.local.replay;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/** One execution of a replay: the send loop, pacing and progress. Confined to the thread that runs it. */
final class ReplayRun {
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Producer<byte[], byte[]> producer;
    private final ReplayRequest request;
    private final List<AlertFile> files;
    private final long count;
    private final AlertRewriter rewriter;
    private final double[][] positions;
    private final CountDownLatch stopSignal;
    private final ProgressListener listener;
    private final DeliveryTally tally = new DeliveryTally();
    private final Map<AlertFormat, Long> sentByFormat = new EnumMap<>(AlertFormat.class);

    private long sent;
    private long bytes;
    private long startNanos;
    private long nextProgressNanos;
    private long lastProgressNanos;
    private long lastProgressSent;

    /**
     * @param rewriter  null when nothing is cycled
     * @param positions ra/dec (degrees) of each cycled file, or null for no jitter
     */
    ReplayRun(Producer<byte[], byte[]> producer, ReplayRequest request, List<AlertFile> files, long count,
            AlertRewriter rewriter, double[][] positions, CountDownLatch stopSignal, ProgressListener listener) {
        this.producer = producer;
        this.request = request;
        this.files = files;
        this.count = count;
        this.rewriter = rewriter;
        this.positions = positions;
        this.stopSignal = stopSignal;
        this.listener = listener;
    }

    ReplayResult execute() {
        startNanos = System.nanoTime();
        lastProgressNanos = startNanos;
        nextProgressNanos = startNanos + PROGRESS_INTERVAL_NANOS;
        boolean stopped = false;
        for (long sequence = 0; sequence < count && !stopped; sequence++) {
            AlertFile file = files.get((int) (sequence % files.size()));
            byte[] value = valueOf(file, sequence);
            stopped = !sleepUntil(startNanos + request.schedule().dueNanos(sequence));
            if (value != null && !stopped) {
                send(file, value);
            }
        }
        boolean interrupted = Thread.interrupted();
        producer.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new ReplayResult(sent, tally.acknowledged(), tally.failed(), bytes,
                Duration.ofNanos(System.nanoTime() - startNanos), sentByFormat, tally.samples(), stopped);
    }

    /** The file's bytes on the first pass, a distinct copy after; null (and counted as failed) if it fails. */
    private byte[] valueOf(AlertFile file, long sequence) {
        byte[] original = file.read();
        if (sequence < files.size()) {
            return original;
        }
        int index = (int) (sequence % files.size());
        long seed = request.seed();
        double[] offset = positions == null ? new double[] {0, 0}
                : CycledAlerts.positionOffsetDeg(seed, sequence, request.jitterArcsec(), positions[index][0],
                        positions[index][1]);
        try {
            return rewriter.rewrite(original, CycledAlerts.alertId(seed, sequence), offset[0], offset[1]);
        } catch (AlertDecodeException | RuntimeException e) {
            tally.fail("rewriting " + file.path(), e);
            return null;
        }
    }

    private void send(AlertFile file, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(request.topic(), null, value), tally.callbackFor(file.path().toString()));
            sent++;
            bytes += value.length;
            sentByFormat.merge(file.format(), 1L, Long::sum);
        } catch (KafkaException e) {
            tally.fail("sending " + file.path(), e);
        }
        reportIfDue(System.nanoTime());
    }

    /**
     * Waits until {@code dueNanos} (a {@link System#nanoTime()} value), reporting progress meanwhile.
     *
     * @return false when the replay was stopped or the thread interrupted while waiting
     */
    private boolean sleepUntil(long dueNanos) {
        while (true) {
            if (stopSignal.getCount() == 0) {
                return false;
            }
            long now = System.nanoTime();
            reportIfDue(now);
            if (now - dueNanos >= 0) {
                return true;
            }
            long wait = Math.min(dueNanos - now, nextProgressNanos - now);
            try {
                if (stopSignal.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void reportIfDue(long now) {
        if (now - nextProgressNanos < 0) {
            return;
        }
        double seconds = (now - lastProgressNanos) / 1e9;
        double rate = seconds > 0 ? (sent - lastProgressSent) / seconds : 0;
        listener.onProgress(new ReplayProgress(sent, tally.acknowledged(), tally.failed(), bytes,
                Duration.ofNanos(now - startNanos), rate));
        lastProgressNanos = now;
        lastProgressSent = sent;
        nextProgressNanos = now + PROGRESS_INTERVAL_NANOS;
    }
}
