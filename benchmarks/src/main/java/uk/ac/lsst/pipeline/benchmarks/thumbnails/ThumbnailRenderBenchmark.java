package uk.ac.lsst.pipeline.benchmarks.thumbnails;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;
import uk.ac.lsst.pipeline.thumbnails.render.CutoutRenderer;
import uk.ac.lsst.pipeline.thumbnails.render.ImageEncoder;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.Limits;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Renderer;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;
import uk.ac.lsst.pipeline.thumbnails.render.ZScale;

/**
 * Throughput of rendering real ZTF cutout triplets, gzipped FITS in, image bytes out, on one thread (= one core):
 * {@code triplet} is the whole path of thumbnail-service per alert minus Avro decoding and storage; the others
 * split it into its steps for profiling. Score = operations per second (a triplet, or one cutout).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'thumbnails.ThumbnailRenderBenchmark' -f 1 -wi 3 -i 5 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ThumbnailRenderBenchmark {
    @Param({"jpeg", "png"})
    String format;

    /** {@code cutout} (the default: the cutout's own size) or the longer side in pixels. */
    @Param({"cutout", "189"})
    String size;

    private List<Cutout[]> triplets;
    private CutoutRenderer renderer;
    private CutoutDecoder decoder;
    private ZScale zscale;
    private Renderer pixelRenderer;
    private ImageEncoder encoder;
    private Pixels science;
    private Limits scienceLimits;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws CutoutException {
        triplets = ZtfCutouts.triplets();
        ImageFormat imageFormat = ImageFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        RenderOptions options = new RenderOptions(imageFormat, RenderOptions.parseSize(size), Stretch.LINEAR, 90);
        renderer = new CutoutRenderer(options, 4 << 20);
        decoder = new CutoutDecoder(4 << 20);
        zscale = new ZScale();
        pixelRenderer = new Renderer(RenderOptions.parseSize(size), Stretch.LINEAR);
        encoder = new ImageEncoder(imageFormat, 90);
        // a copy of one science image for the steps after decoding
        Pixels decoded = ((DecodedCutout.Image) decoder.decode(triplets.get(0)[0].data())).pixels();
        science = Pixels.of(decoded.width(), decoded.height(),
                java.util.Arrays.copyOf(decoded.data(), decoded.count()));
        scienceLimits = zscale.limits(science.data(), science.count());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        renderer.close();
        encoder.close();
    }

    private Cutout[] nextTriplet() {
        Cutout[] t = triplets.get(next);
        next = (next + 1) % triplets.size();
        return t;
    }

    /** The whole path for one alert: three cutouts decoded, scaled, resampled and encoded. */
    @Benchmark
    public void triplet(Blackhole bh) throws CutoutException {
        for (Cutout c : nextTriplet()) {
            bh.consume(renderer.render(c).bytes());
        }
    }

    /** Step 1 for three cutouts: gunzip (bounded) and FITS parsing with nom-tam-fits. */
    @Benchmark
    public void decodeTriplet(Blackhole bh) throws CutoutException {
        for (Cutout c : nextTriplet()) {
            bh.consume(decoder.decode(c.data()));
        }
    }

    /** Step 2 for one cutout: zscale limits. */
    @Benchmark
    public Limits zscale() {
        return zscale.limits(science.data(), science.count());
    }

    /** Step 3 for one cutout: quantise, flip and resample into the image raster. */
    @Benchmark
    public Object resample() {
        return pixelRenderer.render(science, scienceLimits);
    }

    /**
     * Steps 3 and 4 for one cutout, as the stage does them: a grey JPEG is encoded from the quantised levels and the
     * enlargement's maps; other images are made, then encoded.
     */
    @Benchmark
    public byte[] encode() {
        boolean blank = pixelRenderer.prepare(science, scienceLimits);
        if (blank || encoder.format() != ImageFormat.JPEG) {
            return encoder.encode(pixelRenderer.image());
        }
        return encoder.encodeGrey(pixelRenderer.levels(), pixelRenderer.columns(), pixelRenderer.rowStarts(),
                pixelRenderer.width(), pixelRenderer.height());
    }
}
