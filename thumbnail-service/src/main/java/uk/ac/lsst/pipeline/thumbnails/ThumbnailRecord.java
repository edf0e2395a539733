package uk.ac.lsst.pipeline.thumbnails;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.lsst.pipeline.alert.CutoutKind;

/**
 * What thumbnail-service publishes for every alert it rendered (JSON on the thumbnails topic, keyed by object id).
 * An image is null when the alert carries no such cutout, and its kind is then listed in {@code missing}.
 *
 * @param alertId    ZTF {@code candid} / Rubin {@code diaSourceId}
 * @param objectId   ZTF {@code objectId} / Rubin {@code diaObjectId} in decimal
 * @param survey     {@code ZTF} or {@code RUBIN}
 * @param science    the science image, or null
 * @param template   the template (reference) image, or null
 * @param difference the difference image, or null
 * @param missing    kinds the alert had no cutout for: {@code science}, {@code template}, {@code difference}
 */
@JsonPropertyOrder({"alertId", "objectId", "survey", "science", "template", "difference", "missing"})
public record ThumbnailRecord(
        long alertId,
        String objectId,
        String survey,
        Image science,
        Image template,
        Image difference,
        List<String> missing) {

    public ThumbnailRecord {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /**
     * One rendered image.
     *
     * @param path            where the image is, relative to the thumbnail root ({@code THUMBNAIL_DIR}), '/'-separated
     * @param url             {@code THUMBNAIL_BASE_URL} + path, or null when no base URL is set
     * @param format          {@code jpeg} or {@code png}
     * @param width           image width, pixels
     * @param height          image height, pixels
     * @param cutoutWidth     width of the cutout it shows, pixels
     * @param cutoutHeight    height of the cutout it shows, pixels
     * @param vmin            the value shown black, in the cutout's unit; null when passed through or no pixel is finite
     * @param vmax            the value shown white, likewise
     * @param scaling         {@code zscale}, {@code zscale-symmetric} (difference: -m..+m) or {@code none}
     * @param stretch         {@code linear}, {@code asinh} or {@code none}
     * @param unit            FITS BUNIT of the cutout ({@code DN} for ZTF, {@code nJy} for Rubin) or null
     * @param blankPixels     how many cutout pixels have no value: NaN, infinite or a fill value of magnitude 1e30
     *                        or more (drawn in one fixed colour)
     */
    @JsonPropertyOrder({"path", "url", "format", "width", "height", "cutoutWidth", "cutoutHeight", "vmin", "vmax",
            "scaling", "stretch", "unit", "blankPixels"})
    public record Image(
            String path,
            String url,
            String format,
            int width,
            int height,
            int cutoutWidth,
            int cutoutHeight,
            Double vmin,
            Double vmax,
            String scaling,
            String stretch,
            String unit,
            int blankPixels) {
    }

    /** The image of one kind, or null. */
    public Image image(CutoutKind kind) {
        return switch (kind) {
            case SCIENCE -> science;
            case TEMPLATE -> template;
            case DIFFERENCE -> difference;
        };
    }

    /** The name of a kind in records and file names: {@code science}, {@code template}, {@code difference}. */
    public static String kindName(CutoutKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Builds a record from images by kind (null for missing ones); {@code missing} is derived. */
    public static ThumbnailRecord of(long alertId, String objectId, String survey, Image science, Image template,
                                     Image difference) {
        List<String> missing = new ArrayList<>();
        if (science == null) {
            missing.add(kindName(CutoutKind.SCIENCE));
        }
        if (template == null) {
            missing.add(kindName(CutoutKind.TEMPLATE));
        }
        if (difference == null) {
            missing.add(kindName(CutoutKind.DIFFERENCE));
        }
        return new ThumbnailRecord(alertId, objectId, survey, science, template, difference, missing);
    }
}
