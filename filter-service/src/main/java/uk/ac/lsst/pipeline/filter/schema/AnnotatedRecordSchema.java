package uk.ac.lsst.pipeline.filter.schema;

import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.BOOL;
import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.DOUBLE;
import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.INT;
import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.NULLABLE_INT;
import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.NULLABLE_STRING;
import static uk.ac.lsst.pipeline.filter.schema.FieldType.Scalar.STRING;

import java.util.ArrayList;
import java.util.List;

/**
 * The annotated record (JSON on topic {@code annotated-alerts}) as filters see it: every field with its type and a
 * one-line description. This is the single declaration of that schema: the CEL type checker, the JSON reader and the
 * generated documentation ({@link SchemaTable}) are all derived from it. CEL names are the JSON names.
 *
 * <p>{@link #RECORD} is what a filter expression can reference: its fields are the top-level variables of every
 * expression ({@code magnitude < 19.5}, {@code features.g.nDetections >= 2}). {@link #HISTORY} travels only in
 * output level {@code full} and is not visible to filters. Stateless.
 */
public final class AnnotatedRecordSchema {

    /** The JSON field that carries the photometry history (output level {@code full} only). */
    public static final String HISTORY_FIELD = "history";

    /** The bands that have a nested object of their own in {@code features}, in wavelength order. */
    public static final List<String> BANDS = List.of("u", "g", "r", "i", "z", "y");

    /** One catalogue counterpart of the alert's position. */
    public static final StructSchema MATCH = new StructSchema("Match", "a catalogue counterpart, nearest first",
            List.of(
                    new Field("catalogue", STRING, "catalogue name"),
                    new Field("sourceId", STRING, "id of the source in that catalogue"),
                    new Field("separationArcsec", DOUBLE, "angular distance from the alert, arcsec"),
                    new Field("type", NULLABLE_STRING, "the catalogue's type of the source (e.g. galaxy, star, QSO); null if none"),
                    new Field("raDeg", DOUBLE, "right ascension of the source, ICRS, degrees"),
                    new Field("decDeg", DOUBLE, "declination of the source, ICRS, degrees"),
                    new Field("columns", new FieldType.ColumnMap(),
                            "further catalogue columns by name: number (double), string, or null (NaN)")));

    /** One watch-list source within whose radius the alert lies. */
    public static final StructSchema WATCHLIST_HIT = new StructSchema("WatchlistHit", "a watch-list source hit by the alert",
            List.of(
                    new Field("listId", STRING, "id of the watch list"),
                    new Field("listName", STRING, "name of the watch list"),
                    new Field("sourceName", STRING, "name of the source in the list"),
                    new Field("separationArcsec", DOUBLE, "angular distance from the alert, arcsec")));

    /** Per-object features in one band. */
    public static final StructSchema BAND_FEATURES = new StructSchema("BandFeatures",
            "the object's features in one band; a band without detections has zero counts and missing numbers",
            List.of(
                    new Field("nDetections", INT, "detections in this band"),
                    new Field("nPositive", INT, "positive difference detections in this band"),
                    new Field("nDetections7d", INT, "detections in this band in the 7 days up to this alert"),
                    new Field("nDetections14d", INT, "detections in this band in the 14 days up to this alert"),
                    new Field("firstMjd", DOUBLE, "time of the first detection in this band, MJD"),
                    new Field("lastMjd", DOUBLE, "time of the latest detection in this band, MJD"),
                    new Field("latestMagnitude", DOUBLE, "magnitude of the latest detection in this band, AB mag"),
                    new Field("latestFluxNJy", DOUBLE, "difference flux of the latest detection in this band, nJy"),
                    new Field("peakMagnitude", DOUBLE, "brightest magnitude in this band, AB mag"),
                    new Field("peakMjd", DOUBLE, "time of the brightest detection in this band, MJD"),
                    new Field("rateSincePrevious", DOUBLE,
                            "magnitude change since the previous detection in this band, mag/day (negative: brightening)"),
                    new Field("rateSincePeak", DOUBLE,
                            "magnitude change since the peak in this band, mag/day (positive: fading)")));

    /** Per-object features over all bands, with one {@link #BAND_FEATURES} per band. */
    public static final StructSchema FEATURES = new StructSchema("Features",
            "per-object features, computed from the object's history up to and including this alert", featureFields());

    /** The annotated record: the top-level variables of a filter expression. */
    public static final StructSchema RECORD = new StructSchema("AnnotatedRecord", "one alert with its annotations",
            List.of(
                    new Field("survey", STRING, "survey: ZTF or RUBIN", true),
                    new Field("alertId", INT, "alert id (ZTF candid, Rubin diaSourceId), 64-bit", true),
                    new Field("alertIdString", STRING, "alertId in decimal, for readers without 64-bit integers"),
                    new Field("objectId", STRING,
                            "object id: ZTF objectId (ZTF18abcdefg) or Rubin diaObjectId in decimal", true),
                    new Field("objectIdNumber", NULLABLE_INT, "Rubin diaObjectId as a number; null for ZTF"),
                    new Field("raDeg", DOUBLE, "right ascension, ICRS, degrees"),
                    new Field("decDeg", DOUBLE, "declination, ICRS, degrees"),
                    new Field("mjd", DOUBLE, "time of the observation, MJD"),
                    new Field("band", STRING, "band: ZTF g, r, i; Rubin u, g, r, i, z, y"),
                    new Field("magnitude", DOUBLE, "PSF magnitude of the detection, AB mag"),
                    new Field("magnitudeErr", DOUBLE, "uncertainty of magnitude, mag"),
                    new Field("fluxNJy", DOUBLE, "difference-image PSF flux, nJy (Rubin; missing for ZTF)"),
                    new Field("fluxErrNJy", DOUBLE, "uncertainty of fluxNJy, nJy (Rubin; missing for ZTF)"),
                    new Field("positive", BOOL, "true for a positive difference detection (brighter than the template)"),
                    new Field("reliability", DOUBLE, "real-bogus score, 0 to 1 (ZTF drb or rb, Rubin reliability)"),
                    new Field("classification", STRING, "catalogue-context class: VS, AGN, NT, SN, ORPHAN or UNCLEAR"),
                    new Field("matches", new FieldType.ListOf(MATCH), "catalogue counterparts, nearest first"),
                    new Field("watchlists", new FieldType.ListOf(WATCHLIST_HIT), "watch-list sources hit by the alert"),
                    new Field("features", new FieldType.Struct(FEATURES), "per-object features"),
                    new Field("appendedAtMs", INT, "time the alert was appended to the ingest buffer, epoch ms"),
                    new Field("producedAtMs", INT, "time this annotated record was produced, epoch ms")));

    /** One point of the photometry history; output level {@code full} only, not visible to filters. */
    public static final StructSchema HISTORY_POINT = new StructSchema("HistoryPoint",
            "one point of the object's light curve (output level full only; not visible to filters)",
            List.of(
                    new Field("mjd", DOUBLE, "time of the observation, MJD"),
                    new Field("band", STRING, "band"),
                    new Field("magnitude", DOUBLE, "PSF magnitude, AB mag"),
                    new Field("magnitudeErr", DOUBLE, "uncertainty of magnitude, mag"),
                    new Field("fluxNJy", DOUBLE, "difference-image flux, nJy"),
                    new Field("fluxErrNJy", DOUBLE, "uncertainty of fluxNJy, nJy"),
                    new Field("positive", BOOL, "true for a positive difference detection"),
                    new Field("kind", STRING, "detection, forced or upper-limit"),
                    new Field("limitingMagnitude", DOUBLE, "5-sigma limiting magnitude of the image, AB mag")));

    /** The history field as it appears in output level {@code full}. */
    public static final Field HISTORY = new Field(HISTORY_FIELD, new FieldType.ListOf(HISTORY_POINT),
            "the object's photometry history, oldest first (output level full only; not visible to filters)");

    private AnnotatedRecordSchema() {
    }

    private static List<Field> featureFields() {
        List<Field> fields = new ArrayList<>(List.of(
                new Field("nDetections", INT, "detections of the object, this one included"),
                new Field("nPositive", INT, "positive difference detections of the object"),
                new Field("nDetections7d", INT, "detections in the 7 days up to this alert"),
                new Field("nDetections14d", INT, "detections in the 14 days up to this alert"),
                new Field("firstMjd", DOUBLE, "time of the first detection, MJD"),
                new Field("lastMjd", DOUBLE, "time of the latest detection, MJD"),
                new Field("daysSinceFirstDetection", DOUBLE, "days from the first detection to this alert"),
                new Field("colourGR", DOUBLE, "g - r from near-simultaneous detections, mag; missing if none"),
                new Field("rateSincePrevious", DOUBLE,
                        "magnitude change since the previous detection in the alert's band, mag/day (negative: brightening)"),
                new Field("rateSincePeak", DOUBLE,
                        "magnitude change since the peak in the alert's band, mag/day (positive: fading)"),
                new Field("peakMagnitude", DOUBLE, "brightest magnitude in the alert's band, AB mag")));
        for (String band : BANDS) {
            fields.add(new Field(band, new FieldType.Struct(BAND_FEATURES), "features in band " + band));
        }
        return fields;
    }
}
