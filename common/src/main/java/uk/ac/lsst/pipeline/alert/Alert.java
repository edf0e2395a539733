package uk.ac.lsst.pipeline.alert;

import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * The normalised view of one alert that every stage works with, whatever the survey and schema version.
 *
 * <p>Numbers that an alert may lack are {@code NaN} (never null): {@code raDeg}, {@code decDeg}, {@code mjd},
 * {@code magnitude}, {@code magnitudeErr}, {@code fluxNJy}, {@code fluxErrNJy}. Immutable apart from the Avro
 * record, which callers must not modify.
 *
 * @param survey        ZTF or Rubin
 * @param format        how the message was laid out
 * @param schemaVersion the alert schema version as the alert states it ("3.3", "4.02", "9.0"), or "" if unknown
 * @param schemaId      the Confluent schema id for {@link AlertFormat#CONFLUENT_WIRE}, else -1
 * @param alertId       ZTF {@code candid} (schema 1.1: its top-level {@code alertId}), Rubin
 *                      {@code diaSource.diaSourceId}
 * @param objectId      ZTF {@code objectId} ("ZTF18abcdefg"; schema 1.1, which has none: the alert id in decimal),
 *                      Rubin {@code diaObjectId} in decimal (a Solar System source without one: "ss" + its
 *                      {@code ssObjectId}; "" when neither is set)
 * @param raDeg         right ascension in degrees (ICRS)
 * @param decDeg        declination in degrees (ICRS)
 * @param mjd           time of the observation as a Modified Julian Date (ZTF jd - 2400000.5; Rubin midpointMjdTai)
 * @param band          photometric band: g, r, i (ZTF fid 1/2/3) or u g r i z y (Rubin); "" if unknown
 * @param magnitude     PSF magnitude (ZTF magpsf; Rubin AB magnitude 31.4 - 2.5 log10(psfFlux/nJy) when the flux
 *                      is positive, else NaN)
 * @param magnitudeErr  its 1-sigma error in magnitudes (Rubin: 2.5 / ln 10 * psfFluxErr / psfFlux)
 * @param fluxNJy       Rubin difference-image PSF flux in nJy; NaN for ZTF
 * @param fluxErrNJy    its 1-sigma error in nJy
 * @param record        the full decoded Avro record, for anything else (cutout fields may be absent when the
 *                      decoder was asked to skip them)
 */
public record Alert(
        Survey survey,
        AlertFormat format,
        String schemaVersion,
        int schemaId,
        long alertId,
        String objectId,
        double raDeg,
        double decDeg,
        double mjd,
        String band,
        double magnitude,
        double magnitudeErr,
        double fluxNJy,
        double fluxErrNJy,
        GenericRecord record) {

    /** True when ra and dec are finite and in range: ra in [0, 360), dec in [-90, 90]. */
    public boolean hasUsablePosition() {
        return Double.isFinite(raDeg) && Double.isFinite(decDeg)
                && raDeg >= 0 && raDeg < 360 && decDeg >= -90 && decDeg <= 90;
    }

    /**
     * The cutout of the given kind, extracted from the record on each call (nothing is cached).
     *
     * @return empty when the alert carries no such cutout or the decoder skipped cutouts
     */
    public Optional<Cutout> cutout(CutoutKind kind) {
        return Cutouts.extract(survey, record, kind);
    }
}
