package uk.ac.lsst.pipeline.thumbnails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;

/**
 * Decodes one alert of the ingest buffer (with its cutouts), renders and stores its thumbnails, and emits its
 * {@link ThumbnailRecord} keyed by object id. An undecodable alert or cutout becomes a dead letter holding the
 * original key and value bytes (this is why decoding happens here and not in
 * {@link uk.ac.lsst.pipeline.stage.AlertDecoding}, which does not keep the bytes past decoding): the reason is the
 * {@link uk.ac.lsst.pipeline.alert.DecodeFailure} code or a {@link CutoutException.Reason} code. A store that
 * cannot be written fails the stage (so the alert is rendered again after the restart).
 *
 * <p>One instance per stream task (NOT THREAD-SAFE: it owns an {@link AlertThumbnailer}); decoder, store and
 * metrics are shared.
 */
final class ThumbnailProcessor implements Processor<byte[], byte[], String, Routed<ThumbnailRecord>> {
    private final AlertDecoder decoder;
    private final Supplier<AlertThumbnailer> thumbnailers;
    private final StageMetrics metrics;
    private AlertThumbnailer thumbnailer;
    private ProcessorContext<String, Routed<ThumbnailRecord>> context;

    /** @param thumbnailers makes this task's thumbnailer when the task starts */
    ThumbnailProcessor(AlertDecoder decoder, Supplier<AlertThumbnailer> thumbnailers, StageMetrics metrics) {
        this.decoder = decoder;
        this.thumbnailers = thumbnailers;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed<ThumbnailRecord>> context) {
        this.context = context;
        this.thumbnailer = thumbnailers.get();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.alertIn();
        Alert alert;
        try {
            alert = decode(record);
        } catch (AlertDecodeException e) {
            forwardDead(record, e.failure().code(), e.getMessage());
            return;
        }
        ThumbnailRecord thumbnails;
        try {
            thumbnails = thumbnailer.thumbnail(alert);
        } catch (CutoutException e) {
            forwardDead(record, e.reason().code(), e.getMessage());
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the thumbnails of alert " + alert.alertId(), e);
        }
        metrics.alertOut();
        context.forward(record.withKey(alert.objectId()).withValue(Routed.ok(thumbnails)));
    }

    private Alert decode(Record<byte[], byte[]> record) throws AlertDecodeException {
        var format = AlertHeaders.get(record.headers(), AlertHeaders.FORMAT);
        if (format.isPresent()) {
            try {
                return decoder.decode(record.value(), AlertFormat.fromCode(format.get()));
            } catch (IllegalArgumentException unknownHeader) {
                return decoder.decode(record.value());
            }
        }
        return decoder.decode(record.value());
    }

    private void forwardDead(Record<byte[], byte[]> record, String reason, String detail) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        context.forward(record.withKey(key)
                .withValue(Routed.dead(record.key(), record.value(), reason, detail)));
    }

    @Override
    public void close() {
        if (thumbnailer != null) {
            thumbnailer.close();
        }
    }
}
