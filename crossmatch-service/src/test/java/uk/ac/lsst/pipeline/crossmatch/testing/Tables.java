package uk.ac.lsst.pipeline.crossmatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTableOutput;

/** Writes small test tables with STIL, in any format it writes (fits, votable, csv, ecsv, ...). */
public final class Tables {
    private final RowListStarTable table;

    private Tables(ColumnInfo... columns) {
        this.table = new RowListStarTable(columns);
    }

    /** A table with these columns. */
    public static Tables with(ColumnInfo... columns) {
        return new Tables(columns);
    }

    public static ColumnInfo column(String name, Class<?> type, String unit) {
        ColumnInfo info = new ColumnInfo(name, type, null);
        info.setUnitString(unit);
        return info;
    }

    public Tables row(Object... cells) {
        table.addRow(cells);
        return this;
    }

    /** Writes the table to {@code file} in {@code format} and returns the file. */
    public Path write(Path file, String format) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new StarTableOutput().writeStarTable(table, file.toString(), format);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
