package uk.ac.lsst.pipeline.watchlist;

import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;

/**
 * One alert inside the cone of one watch-list source: the record written to the hits topic (JSON, keyed by list id).
 * Missing numbers (NaN) are written as null.
 *
 * @param listId           watch-list id
 * @param listName         watch-list name
 * @param sourceName       the source of the list that was hit
 * @param sourceRaDeg      its right ascension, ICRS degrees
 * @param sourceDecDeg     its declination, ICRS degrees
 * @param radiusArcsec     its match radius, arcsec
 * @param survey           {@code ZTF} or {@code RUBIN}
 * @param alertId          ZTF candid / Rubin diaSourceId
 * @param objectId         ZTF objectId / Rubin diaObjectId (decimal string)
 * @param raDeg            the alert's right ascension, ICRS degrees
 * @param decDeg           the alert's declination, ICRS degrees
 * @param separationArcsec angular distance between alert and source, arcsec
 * @param mjd              time of the observation, Modified Julian Date
 * @param band             photometric band (g, r, i; u g r i z y), "" if unknown
 * @param magnitude        PSF magnitude of the detection (null if unknown)
 * @param appendedAtMs     when the alert was appended to the ingest buffer (its Kafka log-append time), epoch ms;
 *                         null when matched offline
 * @param producedAtMs     when this hit was produced, epoch ms
 */
public record WatchlistHit(
        String listId,
        String listName,
        String sourceName,
        double sourceRaDeg,
        double sourceDecDeg,
        double radiusArcsec,
        String survey,
        long alertId,
        String objectId,
        double raDeg,
        double decDeg,
        double separationArcsec,
        double mjd,
        String band,
        double magnitude,
        Long appendedAtMs,
        long producedAtMs) {

    public static WatchlistHit of(ActiveWatchlist list, int source, double separationDeg, Alert alert,
                                  Long appendedAtMs, long producedAtMs) {
        return new WatchlistHit(list.id(), list.info().name(), list.name(source), list.raDeg(source),
                list.decDeg(source), list.radiusArcsec(source), alert.survey().name(), alert.alertId(),
                alert.objectId(), alert.raDeg(), alert.decDeg(), separationDeg * 3600.0, alert.mjd(), alert.band(),
                alert.magnitude(), appendedAtMs, producedAtMs);
    }
}
