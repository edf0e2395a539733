package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import uk.ac.starlink.util.DataSource;
import uk.ac.starlink.util.FileDataSource;

/**
 * The field delimiter of a CSV catalogue: comma, semicolon (OpenNGC, spreadsheets in many European locales), tab or
 * vertical bar, with the STIL format that reads it ({@code csv(header=true,delimiter=;)}). Immutable.
 */
enum CsvDelimiter {
    COMMA(',', "0x2c", "','"),
    SEMICOLON(';', ";", "';'"),
    TAB('\t', "0x09", "tab"),
    PIPE('|', "|", "'|'");

    private final char character;
    private final String stilValue;
    private final String description;

    CsvDelimiter(char character, String stilValue, String description) {
        this.character = character;
        this.stilValue = stilValue;
        this.description = description;
    }

    /** How a person names it: {@code ','}, {@code ';'}, {@code tab}, {@code '|'}. */
    String description() {
        return description;
    }

    /**
     * The STIL format reading a CSV file with this delimiter and a header line; comma is STIL's default (and cannot
     * be written literally among STIL's comma-separated options).
     */
    String stilFormat() {
        return this == COMMA ? "csv(header=true)" : "csv(header=true,delimiter=" + stilValue + ")";
    }

    /**
     * The delimiter of a header line: the candidate that occurs most often outside double quotes; comma when none
     * occurs (a one-column file) and on a tie, then in the order comma, semicolon, tab, vertical bar.
     */
    static CsvDelimiter ofHeader(String header) {
        CsvDelimiter best = COMMA;
        int bestCount = 0;
        for (CsvDelimiter candidate : values()) {
            int count = countUnquoted(header, candidate.character);
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * The delimiter of a CSV file's header line, its first line that is not blank; the file may be compressed
     * (gzip, bzip2), as STIL reads it.
     *
     * @throws IOException when the file cannot be read
     */
    static CsvDelimiter of(Path file) throws IOException {
        DataSource source = new FileDataSource(file.toFile());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(source.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    return ofHeader(line);
                }
            }
            return COMMA;
        } finally {
            source.close();
        }
    }

    private static int countUnquoted(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
