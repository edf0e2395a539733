package uk.ac.lsst.pipeline.benchmarks.thumbnails;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.CutoutEncoding;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;

/**
 * The real ZTF alerts the thumbnail benchmarks render: the bundled samples ({@code samples/alerts/ztf}, 34 alerts
 * of 2018-12-03, gzipped FITS cutouts of 63x63) unless {@code -Dbench.alerts=DIR} names another directory.
 */
final class ZtfCutouts {
    private ZtfCutouts() {
    }

    static Path directory() {
        Path dir = Path.of(System.getProperty("bench.alerts", "samples/alerts/ztf"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("alert directory " + dir.toAbsolutePath()
                    + " not found: run from the repository root or pass -Dbench.alerts=DIR");
        }
        return dir;
    }

    /** The message bytes of every alert whose three cutouts are gzipped FITS. */
    static List<byte[]> alerts() {
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), true, 16 << 20);
        List<byte[]> alerts = new ArrayList<>();
        for (AlertFile file : AlertFiles.discover(List.of(directory()))) {
            byte[] bytes = file.read();
            try {
                if (triplet(decoder.decode(bytes)) != null) {
                    alerts.add(bytes);
                }
            } catch (AlertDecodeException e) {
                // not a ZTF alert of this kind: skipped
            }
        }
        if (alerts.isEmpty()) {
            throw new IllegalStateException("no ZTF alert with gzipped FITS cutouts under " + directory());
        }
        return alerts;
    }

    /** The science, template and difference cutouts, or null unless all three are gzipped FITS. */
    static Cutout[] triplet(Alert alert) {
        Cutout[] cutouts = new Cutout[3];
        for (CutoutKind kind : CutoutKind.values()) {
            Cutout c = alert.cutout(kind).orElse(null);
            if (c == null || c.encoding() != CutoutEncoding.FITS_GZIP) {
                return null;
            }
            cutouts[kind.ordinal()] = c;
        }
        return cutouts;
    }

    /** Every triplet of the alerts. */
    static List<Cutout[]> triplets() {
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), true, 16 << 20);
        List<Cutout[]> triplets = new ArrayList<>();
        for (byte[] bytes : alerts()) {
            try {
                triplets.add(triplet(decoder.decode(bytes)));
            } catch (AlertDecodeException e) {
                throw new IllegalStateException(e);
            }
        }
        return triplets;
    }
}
