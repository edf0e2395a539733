package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/**
 * One catalogue held in memory in primitive arrays (no object per source): positions in degrees, ids, types and
 * carried columns, all indexed by the same source index. Immutable; thread-safe.
 */
public final class Catalogue {
    private final CatalogueSpec spec;
    private final FileStamp stamp;
    private final double[] raDeg;
    private final double[] decDeg;
    private final SourceIds ids;
    private final TypeColumn types;
    private final List<CarriedColumn> carried;
    private final LoadReport report;

    /**
     * @param types null when the catalogue has no type column
     */
    public Catalogue(CatalogueSpec spec, FileStamp stamp, double[] raDeg, double[] decDeg, SourceIds ids,
                     TypeColumn types, List<CarriedColumn> carried, LoadReport report) {
        if (raDeg.length != decDeg.length) {
            throw new IllegalArgumentException("ra and dec arrays differ in length");
        }
        this.spec = spec;
        this.stamp = stamp;
        this.raDeg = raDeg;
        this.decDeg = decDeg;
        this.ids = ids;
        this.types = types;
        this.carried = List.copyOf(carried);
        this.report = report;
    }

    public String name() {
        return spec.name();
    }

    public CatalogueSpec spec() {
        return spec;
    }

    /** The file as it was when loading started. */
    public FileStamp stamp() {
        return stamp;
    }

    public LoadReport report() {
        return report;
    }

    public int size() {
        return raDeg.length;
    }

    /** The right ascensions in degrees, [0, 360): the array itself, which callers must not modify. */
    public double[] raDeg() {
        return raDeg;
    }

    /** The declinations in degrees, [-90, 90]: the array itself, which callers must not modify. */
    public double[] decDeg() {
        return decDeg;
    }

    public double raDeg(int index) {
        return raDeg[index];
    }

    public double decDeg(int index) {
        return decDeg[index];
    }

    public String id(int index) {
        return ids.get(index);
    }

    /** The source's type value as the catalogue has it, or null (no type column, or empty). */
    public String type(int index) {
        return types == null ? null : types.value(index);
    }

    public SourceKind kind(int index) {
        return types == null ? spec.kindOf(null) : types.kind(index);
    }

    /** The carried columns' values of one source, in the order the settings name them. */
    public Map<String, Object> carried(int index) {
        if (carried.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (CarriedColumn c : carried) {
            values.put(c.name(), c.value(index));
        }
        return Collections.unmodifiableMap(values);
    }

    /** Approximate heap held by the columns, in bytes (the sky index not included). */
    public long heapBytes() {
        long bytes = 16L * raDeg.length + ids.heapBytes() + (types == null ? 0 : types.codes().length);
        for (CarriedColumn c : carried) {
            bytes += c.heapBytes();
        }
        return bytes;
    }
}
