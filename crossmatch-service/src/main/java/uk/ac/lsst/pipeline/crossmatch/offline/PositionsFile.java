package uk.ac.lsst.pipeline.crossmatch.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Sexagesimal;

/**
 * Reads a small CSV file of positions: {@code ra,dec[,name]} per line, in decimal degrees or sexagesimal
 * ({@code 12:34:56.7,-01:02:03}). An optional header line names the columns ({@code ra}, {@code dec} and
 * {@code name} or {@code id}, in any order, other columns ignored); blank lines and lines starting with '#' are
 * skipped. Stateless.
 */
public final class PositionsFile {
    private PositionsFile() {
    }

    /**
     * @param problems told of each line that cannot be read ("line N: why"); such lines are left out
     * @throws IOException when the file cannot be read
     */
    public static List<Position> read(Path file, Consumer<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int ra = 0;
        int dec = 1;
        int name = 2;
        List<Position> positions = new ArrayList<>();
        boolean first = true;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (first) {
                first = false;
                int[] header = header(fields);
                if (header != null) {
                    ra = header[0];
                    dec = header[1];
                    name = header[2];
                    continue;
                }
            }
            try {
                if (fields.length <= Math.max(ra, dec)) {
                    throw new IllegalArgumentException("expected ra,dec[,name]");
                }
                String label = name >= 0 && name < fields.length && !fields[name].isBlank() ? fields[name].trim()
                        : "line " + n;
                positions.add(new Position(label, Sexagesimal.raDeg(fields[ra]), Sexagesimal.decDeg(fields[dec])));
            } catch (IllegalArgumentException e) {
                problems.accept(file + " line " + n + ": " + e.getMessage());
            }
        }
        return positions;
    }

    /** {ra, dec, name} column indexes when the line is a header naming ra and dec, else null. */
    private static int[] header(String[] fields) {
        int ra = -1;
        int dec = -1;
        int name = -1;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].trim().toLowerCase(Locale.ROOT);
            switch (f) {
                case "ra", "ra_deg", "radeg" -> ra = i;
                case "dec", "dec_deg", "decdeg" -> dec = i;
                case "name", "id" -> name = i;
                default -> {
                }
            }
        }
        return ra >= 0 && dec >= 0 ? new int[] {ra, dec, name} : null;
    }
}
