package uk.ac.lsst.pipeline.demo;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.local.run.RunningStage;

/**
 * A live table of the stages: records in, results written, dead letters, rate and lag. On a terminal it is
 * redrawn in place every call; otherwise printed every fifth call.
 */
final class ProgressTable {
    private final PrintStream out;
    private final List<RunningStage> stages;
    private final boolean terminal = System.console() != null;
    private final Map<String, Double> lastIn = new HashMap<>();
    private long lastNanos = System.nanoTime();
    private int calls;
    private int linesDrawn;

    ProgressTable(PrintStream out, List<RunningStage> stages) {
        this.out = out;
        this.stages = List.copyOf(stages);
    }

    void print(String status) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        StringBuilder table = new StringBuilder();
        table.append(String.format("%s%n  %-18s %9s %9s %8s %9s %7s%n", status, "stage", "in", "written",
                "dead", "alerts/s", "lag"));
        for (RunningStage s : stages) {
            double in = s.alertsIn();
            double rate = (in - lastIn.getOrDefault(s.name(), 0.0)) / seconds;
            lastIn.put(s.name(), in);
            long[] written = s.written();
            table.append(String.format("  %-18s %9.0f %9d %8d %9.0f %7d%n", s.name(), in, written[0], written[1],
                    rate, s.lag()));
        }
        if (terminal) {
            if (linesDrawn > 0) {
                out.printf("\033[%dA\033[J", linesDrawn);
            }
            out.print(table);
            linesDrawn = stages.size() + 2;
        } else if (calls % 5 == 0) {
            out.print(table);
        }
        calls++;
    }
}
