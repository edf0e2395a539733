package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/**
 * How to read one catalogue and match against it. Match parameters ({@code radiusArcsec}) change results;
 * the rest says where the data is.
 *
 * @param name         the catalogue's name in results (e.g. {@code sdss})
 * @param file         the table file
 * @param format       a STIL format name ({@code fits}, {@code votable}, {@code csv}, {@code ecsv}, ...) or
 *                     {@code auto} to detect it from the content and the file name
 * @param idColumns    the column giving each source's id; several are joined with '-' (SDSS:
 *                     {@code plate,mjd,fiberid} gives {@code 3306-54922-491}); {@link #ROW_INDEX} is the 1-based
 *                     row number
 * @param raColumn     right ascension: decimal degrees (or another angle unit its metadata states) or
 *                     sexagesimal hours as text
 * @param decColumn    declination: decimal degrees or sexagesimal degrees as text
 * @param typeColumn   the column holding each source's type or class, if any
 * @param fixedKind    the kind of every source when there is no type column (e.g. a star catalogue)
 * @param typeMap      type values (upper-cased) mapped to kinds, on top of {@link SourceKind#defaultFor}
 * @param carryColumns columns copied into each match's {@code columns} (redshift, magnitudes, ...)
 * @param radiusArcsec match radius in arcseconds, (0, 3600]
 * @param reload       whether a change of the file on disk is reloaded while running
 */
public record CatalogueSpec(
        String name,
        Path file,
        String format,
        List<String> idColumns,
        String raColumn,
        String decColumn,
        Optional<String> typeColumn,
        Optional<SourceKind> fixedKind,
        Map<String, SourceKind> typeMap,
        List<String> carryColumns,
        double radiusArcsec,
        boolean reload) {

    /** The id "column" that means the 1-based row number in the file (as TOPCAT's {@code $index}). */
    public static final String ROW_INDEX = "$index";

    public CatalogueSpec {
        idColumns = List.copyOf(idColumns);
        typeMap = Map.copyOf(typeMap);
        carryColumns = List.copyOf(carryColumns);
        if (idColumns.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + name + ": at least one id column is needed");
        }
        if (!(radiusArcsec > 0 && radiusArcsec <= 3600)) {
            throw new IllegalArgumentException("catalogue " + name + ": radius must be in (0, 3600] arcsec, got "
                    + radiusArcsec);
        }
    }

    /** A catalogue with the defaults: format auto, row-number ids, columns ra/dec, no type, 2 arcsec, reloaded. */
    public static CatalogueSpec of(String name, Path file) {
        return new CatalogueSpec(name, file, "auto", List.of(ROW_INDEX), "ra", "dec", Optional.empty(),
                Optional.empty(), Map.of(), List.of(), 2.0, true);
    }

    public CatalogueSpec withIdColumns(String... columns) {
        return new CatalogueSpec(name, file, format, List.of(columns), raColumn, decColumn, typeColumn, fixedKind,
                typeMap, carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withPositionColumns(String ra, String dec) {
        return new CatalogueSpec(name, file, format, idColumns, ra, dec, typeColumn, fixedKind, typeMap,
                carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withTypeColumn(String column) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, Optional.of(column), fixedKind,
                typeMap, carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withFixedKind(SourceKind kind) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, typeColumn, Optional.of(kind),
                typeMap, carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withTypeMap(Map<String, SourceKind> map) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, typeColumn, fixedKind, map,
                carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withCarryColumns(String... columns) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, typeColumn, fixedKind, typeMap,
                List.of(columns), radiusArcsec, reload);
    }

    public CatalogueSpec withRadiusArcsec(double radius) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, typeColumn, fixedKind, typeMap,
                carryColumns, radius, reload);
    }

    public CatalogueSpec withFormat(String tableFormat) {
        return new CatalogueSpec(name, file, tableFormat, idColumns, raColumn, decColumn, typeColumn, fixedKind,
                typeMap, carryColumns, radiusArcsec, reload);
    }

    public CatalogueSpec withReload(boolean reloaded) {
        return new CatalogueSpec(name, file, format, idColumns, raColumn, decColumn, typeColumn, fixedKind, typeMap,
                carryColumns, radiusArcsec, reloaded);
    }

    /** The kind of a source with this type value (null when the catalogue has no type column). */
    public SourceKind kindOf(String typeValue) {
        if (typeValue == null) {
            return fixedKind.orElse(SourceKind.OTHER);
        }
        SourceKind mapped = typeMap.get(typeValue.trim().toUpperCase(java.util.Locale.ROOT));
        return mapped != null ? mapped : SourceKind.defaultFor(typeValue);
    }
}
