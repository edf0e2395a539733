package uk.ac.lsst.pipeline.thumbnails.gallery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFileProblem;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.thumbnails.AlertThumbnailer;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMetrics;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailRecord;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.store.FileThumbnailStore;

/**
 * Renders alert files offline, exactly as thumbnail-service does, into a directory a person can open:
 * the images in the same tree as the service's ({@code <survey>/<object id>/<alert id>_<kind>.jpg}),
 * {@code thumbnails.jsonl} with one {@link ThumbnailRecord} per line, and {@code index.html}, a gallery of the
 * triplets with their object and alert ids, scaling limits, and the files that could not be rendered with the
 * reason. Single-threaded.
 */
public final class Gallery {
    /** The page of the gallery in the output directory. */
    public static final String INDEX = "index.html";
    /** The records, one JSON object per line. */
    public static final String RECORDS = "thumbnails.jsonl";
    /** The longer side, CSS pixels, at which the gallery shows images of the cutout size. */
    static final int CUTOUT_DISPLAY_PX = 189;

    private Gallery() {
    }

    /**
     * One alert file's outcome.
     *
     * @param file   the alert file
     * @param record the thumbnails, or null when it failed
     * @param reason why it failed (a dead-letter reason code), or null
     * @param detail what exactly was wrong, or null
     */
    public record Entry(Path file, ThumbnailRecord record, String reason, String detail) {
        public boolean ok() {
            return record != null;
        }
    }

    /**
     * @param entries every file's outcome, in order
     * @param images  images written
     * @param missing cutouts that alerts lacked
     * @param index   the gallery page
     */
    public record Result(List<Entry> entries, int images, int missing, Path index) {
        public long failed() {
            return entries.stream().filter(e -> !e.ok()).count();
        }

        public long rendered() {
            return entries.size() - failed();
        }
    }

    /**
     * Renders every alert file found. Files that are not alert files come first in the entries, as failed ones
     * with their reason code ({@code empty}, {@code unknown-format}, {@code unreadable}), so the gallery lists
     * them too.
     *
     * @param files          alert files and the files that are not (as {@code AlertFiles.scan} finds them)
     * @param decoder        decodes them with cutouts
     * @param out            output directory (created if missing; existing images of the same alerts are replaced)
     * @param options        how images look
     * @param maxCutoutBytes the largest inflated cutout accepted
     */
    public static Result render(AlertDiscovery files, AlertDecoder decoder, Path out, RenderOptions options,
                                int maxCutoutBytes) throws IOException {
        FileThumbnailStore store = new FileThumbnailStore(out);
        ThumbnailMetrics metrics = new ThumbnailMetrics(new SimpleMeterRegistry(), "thumbnails-cli");
        List<Entry> entries = new ArrayList<>();
        for (AlertFileProblem problem : files.problems()) {
            entries.add(new Entry(problem.path(), null, problem.code(), problem.reason()));
        }
        int images = 0;
        int missing = 0;
        try (AlertThumbnailer thumbnailer = new AlertThumbnailer(options, maxCutoutBytes, store, null, metrics);
             Writer jsonl = Files.newBufferedWriter(store.root().resolve(RECORDS), StandardCharsets.UTF_8)) {
            for (AlertFile file : files.files()) {
                Entry entry = renderOne(file, decoder, thumbnailer);
                entries.add(entry);
                if (entry.ok()) {
                    jsonl.write(new String(JsonSerde.write(entry.record()), StandardCharsets.UTF_8));
                    jsonl.write('\n');
                    images += 3 - entry.record().missing().size();
                    missing += entry.record().missing().size();
                }
            }
        }
        Path index = store.root().resolve(INDEX);
        Files.writeString(index, html(entries, options), StandardCharsets.UTF_8);
        return new Result(List.copyOf(entries), images, missing, index);
    }

    /**
     * Writes {@code index.html} into {@code root} for records that a running thumbnail-service published (their
     * image paths are relative to {@code root}, the service's {@code THUMBNAIL_DIR}).
     *
     * @return the gallery page
     */
    public static Path writeIndex(Path root, List<ThumbnailRecord> records, RenderOptions options) throws IOException {
        List<Entry> entries = records.stream().map(r -> new Entry(root, r, null, null)).toList();
        Files.createDirectories(root);
        Path index = root.resolve(INDEX);
        Files.writeString(index, html(entries, options), StandardCharsets.UTF_8);
        return index;
    }

    private static Entry renderOne(AlertFile file, AlertDecoder decoder, AlertThumbnailer thumbnailer)
            throws IOException {
        byte[] bytes;
        try {
            bytes = file.read();
        } catch (UncheckedIOException e) {
            return new Entry(file.path(), null, "unreadable", e.getCause().getMessage());
        }
        try {
            Alert alert = decoder.decode(bytes, file.format());
            return new Entry(file.path(), thumbnailer.thumbnail(alert), null, null);
        } catch (AlertDecodeException e) {
            return new Entry(file.path(), null, e.failure().code(), e.getMessage());
        } catch (CutoutException e) {
            return new Entry(file.path(), null, e.reason().code(), e.getMessage());
        }
    }

    static String html(List<Entry> entries, RenderOptions options) {
        int display = displaySize(options);
        StringBuilder page = new StringBuilder();
        long failed = entries.stream().filter(e -> !e.ok()).count();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Alert thumbnails</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1em;background:#fafafa}\n")
                .append("table{border-collapse:collapse}td,th{padding:4px 8px;vertical-align:top;")
                .append("border-bottom:1px solid #ddd;text-align:left}\n")
                .append("img{image-rendering:pixelated}figure{margin:0}figcaption{font-size:11px;color:#555;max-width:")
                .append(display).append("px}\n")
                .append(".missing{color:#999;font-style:italic}.failed{color:#b00}code{font-size:12px}\n")
                .append("</style>\n</head>\n<body>\n<h1>Alert thumbnails</h1>\n<p>")
                .append(entries.size() - failed).append(" alerts rendered, ").append(failed).append(" failed; ")
                .append(escape(options.format().code())).append(", ")
                .append(options.sizePx() == RenderOptions.CUTOUT_SIZE ? "cutout size (shown at " + display
                        + " px, not smoothed)" : options.sizePx() + " px")
                .append(", zscale with ").append(escape(options.stretch().code()))
                .append(" stretch (difference images symmetric about zero); FITS row 0 at the bottom; NaN pixels ")
                .append("in blue.</p>\n<table>\n<tr><th>survey</th><th>object</th><th>alert</th>")
                .append("<th>science</th><th>template</th><th>difference</th></tr>\n");
        for (Entry entry : entries) {
            page.append(entry.ok() ? row(entry.record(), display) : failedRow(entry));
        }
        page.append("</table>\n</body>\n</html>\n");
        return page.toString();
    }

    /** The longer side images are shown at: their size, or 189 px (3 x ZTF's 63) for images of the cutout size. */
    private static int displaySize(RenderOptions options) {
        return options.sizePx() == RenderOptions.CUTOUT_SIZE ? CUTOUT_DISPLAY_PX : options.sizePx();
    }

    private static String row(ThumbnailRecord r, int sizePx) {
        StringBuilder row = new StringBuilder("<tr><td>").append(escape(r.survey())).append("</td><td><code>")
                .append(escape(r.objectId())).append("</code></td><td><code>").append(r.alertId())
                .append("</code></td>");
        for (CutoutKind kind : CutoutKind.values()) {
            ThumbnailRecord.Image image = r.image(kind);
            row.append("<td>");
            if (image == null) {
                row.append("<span class=\"missing\">no ").append(ThumbnailRecord.kindName(kind))
                        .append(" cutout</span>");
            } else {
                // images of the cutout size, and JPEG cutouts passed through, are small: the browser enlarges them
                // without smoothing
                double zoom = (double) sizePx / Math.max(image.width(), image.height());
                row.append("<figure><img src=\"").append(escape(image.path())).append("\" width=\"")
                        .append(Math.round(image.width() * zoom)).append("\" height=\"")
                        .append(Math.round(image.height() * zoom)).append("\" alt=\"")
                        .append(ThumbnailRecord.kindName(kind)).append("\"><figcaption>").append(caption(image))
                        .append("</figcaption></figure>");
            }
            row.append("</td>");
        }
        return row.append("</tr>\n").toString();
    }

    private static String caption(ThumbnailRecord.Image image) {
        String size = image.cutoutWidth() + "x" + image.cutoutHeight() + " px";
        if (image.vmin() == null || image.vmax() == null) {
            return escape(size + ", " + ("none".equals(image.scaling()) ? "as received" : "no finite pixel"));
        }
        String unit = image.unit() == null ? "" : " " + image.unit();
        String nan = image.blankPixels() > 0 ? ", " + image.blankPixels() + " NaN" : "";
        return escape(String.format(Locale.ROOT, "%s, %s %.4g..%.4g%s%s", size, image.scaling(), image.vmin(),
                image.vmax(), unit, nan));
    }

    private static String failedRow(Entry entry) {
        return "<tr><td colspan=\"6\" class=\"failed\"><code>" + escape(entry.file().toString()) + "</code>: "
                + escape(entry.reason()) + " &ndash; " + escape(entry.detail()) + "</td></tr>\n";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
