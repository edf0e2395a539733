package uk.ac.lsst.pipeline.features;

import java.util.List;

/** The bands features are kept for, in the order they are written: u g r i z y (ZTF uses g r i). */
public final class Bands {
    /** Every band, in output order. */
    public static final List<String> ALL = List.of("u", "g", "r", "i", "z", "y");

    private Bands() {
    }

    /** True for one of {@link #ALL}. */
    public static boolean isKnown(String band) {
        return ALL.contains(band);
    }

    /** The position of a known band in {@link #ALL}. */
    static int index(String band) {
        int index = ALL.indexOf(band);
        if (index < 0) {
            throw new IllegalArgumentException("unknown band '" + band + "', expected one of " + ALL);
        }
        return index;
    }
}
