package uk.ac.lsst.pipeline.benchmarks.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CarriedColumn;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.catalogue.FileStamp;
import uk.ac.lsst.pipeline.crossmatch.catalogue.LoadReport;
import uk.ac.lsst.pipeline.crossmatch.catalogue.SourceIds;
import uk.ac.lsst.pipeline.crossmatch.catalogue.TypeColumn;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTableOutput;

/**
 * A seeded synthetic catalogue for the crossmatch benchmarks: {@code rows} sources uniform over the sphere with
 * columns {@code id} (long), {@code ra}, {@code dec} (double, deg), {@code class} (STAR 50 %, GALAXY 40 %, QSO 10 %),
 * {@code redshift} and {@code r} (float). Written as a file by {@link #main} (any STIL format), or built straight
 * into memory by {@link #inMemory} with the same values. Not committed as data: make it when needed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.crossmatch.SyntheticCatalogue \
 *     10000000 fits /tmp/synthetic-10m.fits
 * </pre>
 */
public final class SyntheticCatalogue extends AbstractStarTable {
    static final long SEED = 20261126L;
    private static final String[] CLASSES = {"STAR", "GALAXY", "QSO"};

    private final long rows;
    private final ColumnInfo[] columns = {
        column("id", Long.class, null), column("ra", Double.class, "deg"), column("dec", Double.class, "deg"),
        column("class", String.class, null), column("redshift", Float.class, null), column("r", Float.class, "mag")};

    public SyntheticCatalogue(long rows) {
        this.rows = rows;
        columns[3].setElementSize(6);
    }

    /** One source's values, from the generator's sequence. */
    record Source(long id, double ra, double dec, int classIndex, float redshift, float r) {
        static Source next(SplittableRandom random, long id) {
            double ra = random.nextDouble(360);
            double dec = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
            double u = random.nextDouble();
            int cls = u < 0.5 ? 0 : u < 0.9 ? 1 : 2;
            float z = cls == 0 ? 0f : (float) random.nextDouble(0.01, cls == 1 ? 0.5 : 4.0);
            float r = (float) random.nextDouble(14, 23);
            return new Source(id, ra, dec, cls, z, r);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyntheticCatalogue ROWS FORMAT(fits|csv|votable|ecsv|...) FILE");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        Path file = Path.of(args[2]);
        long start = System.nanoTime();
        new StarTableOutput().writeStarTable(new SyntheticCatalogue(rows), file.toString(), args[1]);
        System.out.printf("wrote %,d rows as %s to %s (%.1f MB) in %.1f s%n", rows, args[1], file,
                Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
    }

    /** The same sources as the file, straight into a {@link Catalogue} (id, class, redshift and r carried). */
    public static Catalogue inMemory(int rows, double radiusArcsec) {
        double[] ra = new double[rows];
        double[] dec = new double[rows];
        long[] ids = new long[rows];
        byte[] types = new byte[rows];
        double[] z = new double[rows];
        double[] r = new double[rows];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < rows; i++) {
            Source s = Source.next(random, i + 1);
            ra[i] = s.ra();
            dec[i] = s.dec();
            ids[i] = s.id();
            types[i] = (byte) s.classIndex();
            z[i] = s.redshift();
            r[i] = s.r();
        }
        CatalogueSpec spec = CatalogueSpec.of("synthetic", Path.of("synthetic.fits")).withIdColumns("id")
                .withTypeColumn("class").withCarryColumns("redshift", "r").withRadiusArcsec(radiusArcsec);
        TypeColumn typeColumn = new TypeColumn(types, List.of(CLASSES),
                List.of(SourceKind.STAR, SourceKind.GALAXY, SourceKind.QSO));
        return new Catalogue(spec, FileStamp.MISSING, ra, dec, new SourceIds.Numeric(ids), typeColumn,
                List.of(new CarriedColumn.Floating("redshift", z), new CarriedColumn.Floating("r", r)),
                new LoadReport(rows, rows, Map.of(), List.of(), 0));
    }

    private static ColumnInfo column(String name, Class<?> type, String unit) {
        ColumnInfo info = new ColumnInfo(name, type, null);
        info.setUnitString(unit);
        return info;
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public long getRowCount() {
        return rows;
    }

    @Override
    public ColumnInfo getColumnInfo(int icol) {
        return columns[icol];
    }

    @Override
    public RowSequence getRowSequence() {
        SplittableRandom random = new SplittableRandom(SEED);
        return new RowSequence() {
            private long next;
            private Object[] row;

            @Override
            public boolean next() {
                if (next == rows) {
                    return false;
                }
                Source s = Source.next(random, ++next);
                row = new Object[] {s.id(), s.ra(), s.dec(), CLASSES[s.classIndex()], s.redshift(), s.r()};
                return true;
            }

            @Override
            public Object getCell(int icol) {
                return row[icol];
            }

            @Override
            public Object[] getRow() {
                return row;
            }

            @Override
            public void close() {
            }
        };
    }
}
