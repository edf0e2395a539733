package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.List;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/**
 * The type (class) of each source as one byte: an index into a small dictionary of the distinct values, with the
 * {@link SourceKind} of each value worked out once. Immutable; thread-safe.
 *
 * @param codes  per source, the index into {@code values} (as an unsigned byte)
 * @param values the distinct type values in order of first appearance (may contain null)
 * @param kinds  the kind of each value
 */
public record TypeColumn(byte[] codes, List<String> values, List<SourceKind> kinds) {
    /** At most this many distinct values fit a byte. */
    public static final int MAX_VALUES = 256;

    public String value(int index) {
        return values.get(codes[index] & 0xff);
    }

    public SourceKind kind(int index) {
        return kinds.get(codes[index] & 0xff);
    }
}
