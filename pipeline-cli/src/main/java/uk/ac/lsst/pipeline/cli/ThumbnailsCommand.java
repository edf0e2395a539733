package uk.ac.lsst.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.text.Counts;
import uk.ac.lsst.pipeline.thumbnails.gallery.Gallery;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;

/**
 * {@code pipeline thumbnails}: renders the cutouts of alert files offline, as thumbnail-service does, and writes an
 * {@code index.html} gallery. Files that are not alerts and alerts that cannot be rendered are skipped, listed on
 * stderr and in the gallery with the reason. Exit codes as {@link OfflineInput}'s: 0 when every file rendered, 1
 * when some were skipped or the output could not be written, 2 for bad options or no alert file at all.
 */
@Command(name = "thumbnails", mixinStandardHelpOptions = true,
        description = {"Render the cutouts (science, template, difference) of alert files offline, as "
                + "thumbnail-service does, into DIR/<survey>/<object id>/<alert id>_<kind>.jpg, with "
                + "DIR/thumbnails.jsonl (one record per alert) and DIR/index.html, a gallery to look at.",
                "Alert files are found as the replay tool finds them (Avro OCF or Confluent wire format, searched "
                        + "recursively)."})
public final class ThumbnailsCommand implements Callable<Integer> {
    private static final int MAX_ALERT_BYTES = 16 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--alerts", required = true, paramLabel = "DIR",
            description = "Directory of alert files (or one file), searched recursively; repeatable.")
    List<Path> alertDirs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where images and index.html go.")
    Path out;

    @Option(names = "--format", paramLabel = "jpeg|png", defaultValue = "jpeg",
            description = "Image format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--size", paramLabel = "cutout|PX", defaultValue = RenderOptions.CUTOUT_SIZE_NAME,
            description = "cutout: each image the cutout's own size; or the longer side of each image in pixels, "
                    + "nearest-neighbour resampled (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--stretch", paramLabel = "linear|asinh", defaultValue = "linear",
            description = "Stretch between the zscale limits (default: ${DEFAULT-VALUE}).")
    String stretch;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "" + RenderOptions.DEFAULT_JPEG_QUALITY,
            description = "JPEG quality 1-100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--max-cutout-bytes", paramLabel = "N", defaultValue = "4194304",
            description = "Largest inflated cutout accepted (default: ${DEFAULT-VALUE}).")
    int maxCutoutBytes;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "Directory of .avsc schemas (<major.minor>/*.avsc), for Confluent wire-format (Rubin) "
                    + "files.")
    Path schemaDir;

    @Override
    public Integer call() {
        RenderOptions options = options();
        PrintWriter stdout = spec.commandLine().getOut();
        OfflineInput input = new OfflineInput("thumbnails", spec.commandLine().getErr());
        Optional<AlertDiscovery> files = input.scan(alertDirs);
        if (files.isEmpty()) {
            return OfflineInput.EXIT_UNUSABLE;
        }
        AlertDecoder decoder = new AlertDecoder(OfflineInput.schemas(spec, schemaDir), true, MAX_ALERT_BYTES);
        Gallery.Result result;
        try {
            result = Gallery.render(files.get(), decoder, out, options, maxCutoutBytes);
        } catch (IOException e) {
            input.error("cannot write into " + out + ": " + e.getMessage());
            return OfflineInput.EXIT_SKIPPED;
        }
        result.entries().stream().filter(e -> !e.ok())
                .forEach(e -> input.skipped(e.file() + ": " + e.detail()));
        input.summary(stdout, OfflineInput.alerts(result.rendered()) + " rendered (" + Counts.of(result.images(),
                "image") + ", " + Counts.of(result.missing(), "cutout") + " missing), "
                + OfflineInput.skippedCount(result.failed()) + "; gallery " + result.index());
        return OfflineInput.exitCode(result.failed());
    }

    private RenderOptions options() {
        try {
            int sizePx;
            try {
                sizePx = RenderOptions.parseSize(size);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--size " + e.getMessage());
            }
            return new RenderOptions(parse(ImageFormat.class, "--format", format), sizePx,
                    parse(Stretch.class, "--stretch", stretch), jpegQuality);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + value + "' is invalid: expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
