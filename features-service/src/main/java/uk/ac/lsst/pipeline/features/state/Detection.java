package uk.ac.lsst.pipeline.features.state;

import java.util.Objects;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;

/**
 * One detection of an object as the feature state keeps it. Magnitude and flux at float precision, as in
 * {@link PhotometryPoint}. Immutable.
 *
 * @param mjd       time, MJD days
 * @param band      u, g, r, i, z or y
 * @param magnitude magnitude (NaN when the detection has none, e.g. a Rubin detection of negative flux)
 * @param fluxNJy   difference-image flux, nJy (NaN for ZTF)
 * @param positive  a brightening against the reference image
 */
public record Detection(double mjd, String band, double magnitude, double fluxNJy, boolean positive) {

    public Detection {
        Objects.requireNonNull(band, "band");
        magnitude = (float) magnitude;
        fluxNJy = (float) fluxNJy;
    }

    /** The detection of a {@link PhotometryPoint}. */
    public static Detection of(PhotometryPoint point) {
        return new Detection(point.mjd(), point.band(), point.magnitude(), point.fluxNJy(), point.positive());
    }

    /** True when positive with a finite magnitude: the detections that magnitude features use. */
    public boolean hasBrightness() {
        return positive && Double.isFinite(magnitude);
    }

    /** True when both are in the same band within {@code toleranceDays} of each other: the same detection. */
    public boolean sameAs(Detection other, double toleranceDays) {
        return band.equals(other.band) && Math.abs(mjd - other.mjd) <= toleranceDays;
    }
}
