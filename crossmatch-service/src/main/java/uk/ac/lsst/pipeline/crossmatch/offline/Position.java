package uk.ac.lsst.pipeline.crossmatch.offline;

/**
 * A sky position to match, from a positions file.
 *
 * @param name   its name (the file's name column, else "line N")
 * @param raDeg  right ascension, degrees
 * @param decDeg declination, degrees
 */
public record Position(String name, double raDeg, double decDeg) {
}
