package uk.ac.lsst.pipeline.features.stage;

import java.util.List;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Survey;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.crossmatch.MatchRecord;
import uk.ac.lsst.pipeline.features.ObjectFeatures;

/**
 * One alert with everything the pipeline knows of it, as one JSON record on topic {@code annotated-alerts} (key:
 * object id): the record filters see and the one a user subscribes to instead of joining the other topics by alert
 * id. Missing numbers are written as null. Identifiers are written as strings too ({@code alertIdString},
 * {@code objectId}), since readers that hold numbers as doubles (jq, JavaScript) corrupt 64-bit integers.
 *
 * @param survey         ZTF or RUBIN
 * @param alertId        ZTF candid / Rubin diaSourceId
 * @param alertIdString  the same in decimal
 * @param objectId       ZTF objectId / Rubin diaObjectId in decimal
 * @param objectIdNumber Rubin diaObjectId as a number; null for ZTF
 * @param raDeg          right ascension, ICRS degrees
 * @param decDeg         declination, ICRS degrees
 * @param mjd            time of the observation, MJD
 * @param band           band
 * @param magnitude      PSF magnitude of the detection, AB mag
 * @param magnitudeErr   its uncertainty, mag
 * @param fluxNJy        difference-image PSF flux, nJy (Rubin)
 * @param fluxErrNJy     its uncertainty, nJy
 * @param positive       a positive difference detection
 * @param reliability    real-bogus score (ZTF drb or rb, Rubin reliability)
 * @param classification the catalogue-context class: VS, AGN, NT, SN, ORPHAN or UNCLEAR
 * @param matches        catalogue sources within their catalogue's radius, nearest first
 * @param watchlists     watch-list sources the alert falls within
 * @param features       the object's features as of this alert
 * @param appendedAtMs   when the alert was appended to the ingest buffer, epoch ms
 * @param producedAtMs   when this record was produced, epoch ms
 * @param history        the alert's photometry history, oldest first
 */
public record AnnotatedAlert(
        String survey,
        long alertId,
        String alertIdString,
        String objectId,
        Long objectIdNumber,
        double raDeg,
        double decDeg,
        double mjd,
        String band,
        double magnitude,
        double magnitudeErr,
        double fluxNJy,
        double fluxErrNJy,
        boolean positive,
        double reliability,
        String classification,
        List<MatchRecord> matches,
        List<WatchlistMembership> watchlists,
        ObjectFeatures features,
        long appendedAtMs,
        long producedAtMs,
        List<HistoryPoint> history) {

    public AnnotatedAlert {
        matches = List.copyOf(matches);
        watchlists = List.copyOf(watchlists);
        history = List.copyOf(history);
    }

    /** The record of an alert with its photometry, context and features. */
    public static AnnotatedAlert of(Alert alert, AlertPhotometry photometry, String classification,
                                    List<MatchRecord> matches, List<WatchlistMembership> watchlists,
                                    ObjectFeatures features, long appendedAtMs, long producedAtMs) {
        return new AnnotatedAlert(alert.survey().name(), alert.alertId(), Long.toString(alert.alertId()),
                alert.objectId(), alert.survey() == Survey.RUBIN ? numeric(alert.objectId()) : null, alert.raDeg(), alert.decDeg(), alert.mjd(), alert.band(),
                alert.magnitude(), alert.magnitudeErr(), alert.fluxNJy(), alert.fluxErrNJy(), photometry.positive(),
                photometry.reliability(), classification, matches, watchlists, features, appendedAtMs, producedAtMs,
                photometry.history().stream().map(HistoryPoint::of).toList());
    }

    /** An object id that is a whole number (Rubin's diaObjectId), else null. */
    private static Long numeric(String objectId) {
        if (objectId.isEmpty() || !objectId.chars().allMatch(Character::isDigit) || objectId.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(objectId);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
