package uk.ac.lsst.pipeline.features.stage;

/**
 * One watch-list source an alert falls within, in the annotated record.
 *
 * @param listId           the list's id
 * @param listName         its name
 * @param sourceName       the source hit
 * @param separationArcsec angular distance from the alert, arcsec
 */
public record WatchlistMembership(String listId, String listName, String sourceName, double separationArcsec) {
}
