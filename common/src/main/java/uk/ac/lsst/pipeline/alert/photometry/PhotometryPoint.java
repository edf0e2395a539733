package uk.ac.lsst.pipeline.alert.photometry;

import java.util.Objects;

/**
 * One measurement of an object: a detection, forced photometry or an upper limit. Numbers a measurement lacks are
 * NaN. Magnitudes, fluxes and their errors are held at 32-bit float precision (the canonical constructor rounds
 * them), as the surveys publish them and as the compact alert stores them; {@code mjd} keeps its double precision.
 * Immutable.
 *
 * @param mjd               time of the measurement as a Modified Julian Date, days (ZTF jd - 2400000.5, Rubin
 *                          midpointMjdTai)
 * @param band              u, g, r, i, z or y (ZTF fid 1, 2, 3 = g, r, i); "" when unknown
 * @param magnitude         ZTF detections: magpsf; fluxes (Rubin, ZTF forced): AB magnitude
 *                          {@code 31.4 - 2.5 log10(flux/nJy)}, NaN unless the flux is positive; upper limits: NaN
 * @param magnitudeErr      1-sigma error of {@code magnitude}, magnitudes
 * @param fluxNJy           difference-image flux, nJy (Rubin psfFlux; ZTF forced photometry converted with the
 *                          image's zero point); NaN for ZTF detections and upper limits
 * @param fluxErrNJy        1-sigma error of {@code fluxNJy}, nJy
 * @param positive          ZTF detections: isdiffpos 't' or '1'; fluxes: flux &gt; 0; upper limits: false
 * @param kind              detection, forced photometry or upper limit
 * @param limitingMagnitude 5-sigma limiting magnitude of the difference image (ZTF diffmaglim); NaN for Rubin
 */
public record PhotometryPoint(
        double mjd,
        String band,
        double magnitude,
        double magnitudeErr,
        double fluxNJy,
        double fluxErrNJy,
        boolean positive,
        PointKind kind,
        double limitingMagnitude) {

    public PhotometryPoint {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(kind, "kind");
        magnitude = (float) magnitude;
        magnitudeErr = (float) magnitudeErr;
        fluxNJy = (float) fluxNJy;
        fluxErrNJy = (float) fluxErrNJy;
        limitingMagnitude = (float) limitingMagnitude;
    }

    /** True for a {@link PointKind#DETECTION}. */
    public boolean isDetection() {
        return kind == PointKind.DETECTION;
    }
}
