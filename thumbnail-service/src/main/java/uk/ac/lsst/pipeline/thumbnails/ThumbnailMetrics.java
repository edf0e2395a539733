package uk.ac.lsst.pipeline.thumbnails;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import uk.ac.lsst.pipeline.alert.CutoutKind;

/**
 * The meters of thumbnail-service, tagged with {@code stage} and {@code kind} (science, template, difference):
 * <ul>
 * <li>{@code pipeline_thumbnails_rendered_total}: images rendered and stored;</li>
 * <li>{@code pipeline_thumbnails_render_seconds}: time to decode, scale, resample and encode one cutout;</li>
 * <li>{@code pipeline_thumbnails_missing_total}: alerts without that cutout;</li>
 * <li>{@code pipeline_thumbnails_store_seconds} (no kind): time to store one alert's images;</li>
 * <li>{@code pipeline_thumbnails_bytes_total} (no kind): bytes of images stored.</li>
 * </ul>
 * Thread-safe.
 */
public final class ThumbnailMetrics {
    private final Map<CutoutKind, Counter> rendered = new EnumMap<>(CutoutKind.class);
    private final Map<CutoutKind, Timer> renderTime = new EnumMap<>(CutoutKind.class);
    private final Map<CutoutKind, Counter> missing = new EnumMap<>(CutoutKind.class);
    private final Timer storeTime;
    private final Counter bytes;

    public ThumbnailMetrics(MeterRegistry registry, String stage) {
        for (CutoutKind kind : CutoutKind.values()) {
            String k = ThumbnailRecord.kindName(kind);
            rendered.put(kind, Counter.builder("pipeline.thumbnails.rendered")
                    .description("cutouts rendered and stored").tags("stage", stage, "kind", k).register(registry));
            renderTime.put(kind, Timer.builder("pipeline.thumbnails.render")
                    .description("time to decode, scale, resample and encode one cutout")
                    .tags("stage", stage, "kind", k).register(registry));
            missing.put(kind, Counter.builder("pipeline.thumbnails.missing")
                    .description("alerts without this cutout").tags("stage", stage, "kind", k).register(registry));
        }
        storeTime = Timer.builder("pipeline.thumbnails.store").description("time to store one alert's images")
                .tags("stage", stage).register(registry);
        bytes = Counter.builder("pipeline.thumbnails.bytes").description("bytes of images stored")
                .tags("stage", stage).register(registry);
    }

    void rendered(CutoutKind kind, long nanos) {
        renderTime.get(kind).record(nanos, TimeUnit.NANOSECONDS);
    }

    void stored(CutoutKind kind, int size) {
        rendered.get(kind).increment();
        bytes.increment(size);
    }

    void storeTime(long nanos) {
        storeTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void missing(CutoutKind kind) {
        missing.get(kind).increment();
    }

    /** Images of this kind rendered and stored so far. */
    public double renderedCount(CutoutKind kind) {
        return rendered.get(kind).count();
    }

    /** Alerts seen without this kind of cutout so far. */
    public double missingCount(CutoutKind kind) {
        return missing.get(kind).count();
    }
}
