package uk.ac.lsst.pipeline.benchmarks.thumbnails;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;
import uk.ac.lsst.pipeline.thumbnails.render.ImageEncoder;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.Limits;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Renderer;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;
import uk.ac.lsst.pipeline.thumbnails.render.ZScale;

/**
 * Where the time of one cutout goes, step by step, in CPU time of this thread (so usable on a shared machine): the
 * cutouts of the bundled ZTF or Rubin samples are decoded (gunzip and FITS), scaled (zscale), quantised and mapped
 * (prepare), and encoded as JPEG (grey images by the stage's own encoder; cutouts with blank pixels as RGB through
 * ImageIO), each step over every cutout {@code --repeat} times per round. Prints microseconds per cutout per round;
 * the later rounds are the warmed-up ones.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.thumbnails.ThumbnailSteps \
 *     [--survey ztf|rubin] [--size cutout|PX] [--rounds 5] [--repeat 20] [--out FILE]
 * </pre>
 */
public final class ThumbnailSteps {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThumbnailSteps() {
    }

    public static void main(String[] args) throws IOException, AlertDecodeException, CutoutException {
        String survey = "ztf";
        int sizePx = RenderOptions.DEFAULT_SIZE_PX;
        int rounds = 5;
        int repeat = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--survey" -> survey = args[++i];
                case "--size" -> sizePx = RenderOptions.parseSize(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--out" -> TeeOutput.alsoTo(Path.of(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --survey ztf|rubin, --size cutout|PX, --rounds N, --repeat N, --out FILE)");
            }
        }
        List<Cutout> cutouts = cutouts(survey);
        CutoutDecoder decoder = new CutoutDecoder(4 << 20);
        ZScale zscale = new ZScale();
        List<Pixels> images = new ArrayList<>();
        List<Limits> limits = new ArrayList<>();
        int blank = 0;
        for (Cutout c : cutouts) {
            Pixels p = ((DecodedCutout.Image) decoder.decode(c.data())).pixels();
            Pixels copy = Pixels.of(p.width(), p.height(), Arrays.copyOf(p.data(), p.count()));
            images.add(copy);
            limits.add(zscale.limits(copy.data(), copy.count()));
            blank += copy.blankCount() > 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s: %d cutouts (first %s), %d with blank pixels, JPEG size %s%n", survey,
                cutouts.size(), images.get(0), blank, RenderOptions.sizeName(sizePx));
        System.out.println("round  decode-us  zscale-us  prepare-us  encode-grey-us  encode-rgb-us  total-us"
                + "  grey-jpeg-bytes");
        Renderer renderer = new Renderer(sizePx, Stretch.LINEAR);
        try (ImageEncoder encoder = new ImageEncoder(ImageFormat.JPEG, 90)) {
            for (int round = 1; round <= rounds; round++) {
                long t0 = cpu();
                for (int r = 0; r < repeat; r++) {
                    for (Cutout c : cutouts) {
                        decoder.decode(c.data());
                    }
                }
                long t1 = cpu();
                for (int r = 0; r < repeat; r++) {
                    for (Pixels p : images) {
                        zscale.limits(p.data(), p.count());
                    }
                }
                long t2 = cpu();
                for (int r = 0; r < repeat; r++) {
                    for (int i = 0; i < images.size(); i++) {
                        renderer.prepare(images.get(i), limits.get(i));
                    }
                }
                long t3 = cpu();
                long greyBytes = 0;
                int grey = 0;
                for (int r = 0; r < repeat; r++) {
                    for (int i = 0; i < images.size(); i++) {
                        if (!renderer.prepare(images.get(i), limits.get(i))) {
                            greyBytes += encoder.encodeGrey(renderer.levels(), renderer.columns(),
                                    renderer.rowStarts(), renderer.width(), renderer.height()).length;
                            grey++;
                        }
                    }
                }
                long t4 = cpu();
                int rgb = 0;
                for (int r = 0; r < repeat; r++) {
                    for (int i = 0; i < images.size(); i++) {
                        if (renderer.prepare(images.get(i), limits.get(i))) {
                            encoder.encode(renderer.image());
                            rgb++;
                        }
                    }
                }
                long t5 = cpu();
                double n = (double) repeat * cutouts.size();
                double prepareEach = (t3 - t2) / n;
                double decode = (t1 - t0) / n / 1e3;
                double scale = (t2 - t1) / n / 1e3;
                double prepare = prepareEach / 1e3;
                double encodeGrey = grey == 0 ? 0 : ((t4 - t3) - prepareEach * grey) / grey / 1e3;
                double encodeRgb = rgb == 0 ? 0 : ((t5 - t4) - prepareEach * rgb) / rgb / 1e3;
                // the mean cost of a cutout: blank ones are encoded as RGB
                double total = decode + scale + prepare + (encodeGrey * grey + encodeRgb * rgb) / n;
                System.out.printf(Locale.ROOT, "%5d  %9.1f  %9.1f  %10.1f  %14.1f  %13.1f  %8.1f  %15d%n", round,
                        decode, scale, prepare, encodeGrey, encodeRgb, total, grey == 0 ? 0 : greyBytes / grey);
            }
        }
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static List<Cutout> cutouts(String survey) throws IOException, AlertDecodeException {
        List<Cutout> cutouts = new ArrayList<>();
        if (survey.equals("ztf")) {
            for (Cutout[] triplet : ZtfCutouts.triplets()) {
                cutouts.addAll(Arrays.asList(triplet));
            }
            return cutouts;
        }
        if (!survey.equals("rubin")) {
            throw new IllegalArgumentException("--survey must be ztf or rubin, got " + survey);
        }
        Path dir = ZtfCutouts.directory().resolveSibling("rubin");
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), true, 16 << 20);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
                Alert alert = decoder.decode(Files.readAllBytes(f));
                for (CutoutKind kind : CutoutKind.values()) {
                    alert.cutout(kind).ifPresent(cutouts::add);
                }
            }
        }
        return cutouts;
    }
}
