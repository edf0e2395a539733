package uk.ac.lsst.pipeline.watchlist.list;

import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;

/**
 * The metadata record of a watch list (key {@code <id>} in the watch-lists topic): what the list is and which
 * generation of its source records is the current one. A service indexes a list only once it holds all
 * {@code sourceCount} source records of {@code generation}, so that replacing a list swaps it whole.
 *
 * @param id                  list id (also the record key)
 * @param name                human-readable name
 * @param owner               owner (free text, may be empty)
 * @param defaultRadiusArcsec radius given to sources that stated none when uploaded, arcsec
 * @param generation          the generation of source records that make up the list now (increases on every
 *                            upload of the list)
 * @param sourceCount         how many source records that generation has
 * @param updatedAtMs         when this generation was uploaded, epoch milliseconds
 */
public record WatchlistInfo(String id, String name, String owner, double defaultRadiusArcsec, long generation,
                            int sourceCount, long updatedAtMs) {
}
