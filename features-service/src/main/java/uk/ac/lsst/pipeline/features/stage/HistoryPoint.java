package uk.ac.lsst.pipeline.features.stage;

import java.util.Locale;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;

/**
 * One point of an alert's photometry history in the annotated record (JSON). Missing numbers are NaN, written as
 * null.
 *
 * @param mjd               time of the observation, MJD
 * @param band              band
 * @param magnitude         PSF magnitude, AB mag
 * @param magnitudeErr      its uncertainty, mag
 * @param fluxNJy           difference-image flux, nJy
 * @param fluxErrNJy        its uncertainty, nJy
 * @param positive          a positive difference detection
 * @param kind              {@code detection}, {@code forced} or {@code upper-limit}
 * @param limitingMagnitude 5-sigma limiting magnitude of the image, AB mag
 */
public record HistoryPoint(double mjd, String band, double magnitude, double magnitudeErr, double fluxNJy,
                           double fluxErrNJy, boolean positive, String kind, double limitingMagnitude) {

    public static HistoryPoint of(PhotometryPoint p) {
        return new HistoryPoint(p.mjd(), p.band(), p.magnitude(), p.magnitudeErr(), p.fluxNJy(), p.fluxErrNJy(),
                p.positive(), p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), p.limitingMagnitude());
    }
}
