package uk.ac.lsst.pipeline.thumbnails;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.render.CutoutRenderer;
import uk.ac.lsst.pipeline.thumbnails.render.Limits;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.RenderedCutout;
import uk.ac.lsst.pipeline.thumbnails.store.ThumbnailKeys;
import uk.ac.lsst.pipeline.thumbnails.store.ThumbnailStore;

/**
 * Renders the three cutouts of an alert, stores the images and describes them in a {@link ThumbnailRecord}.
 * All three are rendered before anything is stored, so an alert with an undecodable cutout leaves no image behind.
 * Storing the same alert again replaces its images (same keys). NOT THREAD-SAFE (it owns a
 * {@link CutoutRenderer}): one per stream task or thread; the store is shared.
 */
public final class AlertThumbnailer implements AutoCloseable {
    private final CutoutRenderer renderer;
    private final ThumbnailStore store;
    private final String baseUrl;
    private final ThumbnailMetrics metrics;

    /**
     * @param options        how images look
     * @param maxCutoutBytes the largest inflated cutout accepted
     * @param store          where images go
     * @param baseUrl        prefix of image URLs in records, ending with '/', or null for paths only
     * @param metrics        counts and times
     */
    public AlertThumbnailer(RenderOptions options, int maxCutoutBytes, ThumbnailStore store, String baseUrl,
                            ThumbnailMetrics metrics) {
        this.renderer = new CutoutRenderer(options, maxCutoutBytes);
        this.store = store;
        this.baseUrl = baseUrl;
        this.metrics = metrics;
    }

    /**
     * @throws CutoutException a cutout is undecodable; the message names the cutout, alert and object
     * @throws IOException     the store failed
     */
    public ThumbnailRecord thumbnail(Alert alert) throws CutoutException, IOException {
        Map<CutoutKind, RenderedCutout> rendered = new EnumMap<>(CutoutKind.class);
        for (CutoutKind kind : CutoutKind.values()) {
            Optional<Cutout> cutout = alert.cutout(kind);
            if (cutout.isEmpty()) {
                metrics.missing(kind);
                continue;
            }
            long start = System.nanoTime();
            try {
                rendered.put(kind, renderer.render(cutout.get()));
            } catch (CutoutException e) {
                throw new CutoutException(e.reason(), ThumbnailRecord.kindName(kind) + " cutout of alert "
                        + alert.alertId() + " (object " + alert.objectId() + "): " + e.getMessage(), e);
            }
            metrics.rendered(kind, System.nanoTime() - start);
        }
        return store(alert, rendered);
    }

    private ThumbnailRecord store(Alert alert, Map<CutoutKind, RenderedCutout> rendered) throws IOException {
        long start = System.nanoTime();
        Map<CutoutKind, ThumbnailRecord.Image> images = new EnumMap<>(CutoutKind.class);
        for (RenderedCutout r : rendered.values()) {
            String key = ThumbnailKeys.key(alert.survey(), alert.objectId(), alert.alertId(), r.kind(),
                    r.format().extension());
            store.put(key, r.bytes());
            metrics.stored(r.kind(), r.bytes().length);
            images.put(r.kind(), image(key, r));
        }
        metrics.storeTime(System.nanoTime() - start);
        return ThumbnailRecord.of(alert.alertId(), alert.objectId(), alert.survey().name(),
                images.get(CutoutKind.SCIENCE), images.get(CutoutKind.TEMPLATE), images.get(CutoutKind.DIFFERENCE));
    }

    private ThumbnailRecord.Image image(String key, RenderedCutout r) {
        Limits limits = r.limits();
        return new ThumbnailRecord.Image(key, baseUrl == null ? null : baseUrl + key, r.format().code(), r.width(),
                r.height(), r.cutoutWidth(), r.cutoutHeight(), finiteOrNull(limits.vmin()),
                finiteOrNull(limits.vmax()), r.scaling(), r.stretch(), r.unit(), r.blankPixels());
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public void close() {
        renderer.close();
    }
}
