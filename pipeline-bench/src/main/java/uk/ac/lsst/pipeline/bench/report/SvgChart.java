package uk.ac.lsst.pipeline.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small SVG line chart writer: panels stacked vertically, each with its own y axis and any number of named
 * series of (x, y) points sharing the x axis label. Not thread-safe.
 */
public final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;

    private final String title;
    private final String xLabel;
    private final List<Panel> panels = new ArrayList<>();

    private record Panel(String yLabel, Map<String, double[][]> series) {
    }

    public SvgChart(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds a panel; {@code series} maps a name to its points {@code {x, y}} (NaN y values are skipped). */
    public SvgChart panel(String yLabel, Map<String, double[][]> series) {
        panels.add(new Panel(yLabel, new LinkedHashMap<>(series)));
        return this;
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        return file;
    }

    String render() {
        int height = TOP + panels.size() * (PANEL_HEIGHT + BOTTOM);
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), TOP + i * (PANEL_HEIGHT + BOTTOM));
        }
        return svg.append("</svg>\n").toString();
    }

    private void panel(StringBuilder svg, Panel panel, int top) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (double[][] points : panel.series().values()) {
            for (double[] p : points) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                if (!Double.isNaN(p[1])) {
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
        }
        maxY = maxY <= 0 ? 1 : niceCeiling(maxY);
        double spanX = maxX == minX ? 1 : maxX - minX;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int bottom = top + PANEL_HEIGHT;
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, top, plotWidth, PANEL_HEIGHT));
        for (int t = 0; t <= 4; t++) {
            double y = maxY * t / 4;
            int py = bottom - (int) Math.round(PANEL_HEIGHT * t / 4.0);
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n", LEFT, py,
                    LEFT + plotWidth, py));
            svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 5, py + 4, num(y)));
            double x = minX + spanX * t / 4;
            int px = LEFT + (int) Math.round(plotWidth * t / 4.0);
            svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, bottom + 15, num(x)));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth / 2,
                bottom + 32, esc(xLabel)));
        svg.append(f("<text x=\"15\" y=\"%d\" transform=\"rotate(-90 15 %d)\" text-anchor=\"middle\">%s</text>%n",
                top + PANEL_HEIGHT / 2, top + PANEL_HEIGHT / 2, esc(panel.yLabel())));
        int c = 0;
        for (Map.Entry<String, double[][]> e : panel.series().entrySet()) {
            String colour = COLOURS[c % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                if (Double.isNaN(p[1])) {
                    continue;
                }
                double px = LEFT + plotWidth * (p[0] - minX) / spanX;
                double py = bottom - PANEL_HEIGHT * Math.min(p[1], maxY) / maxY;
                path.append(path.length() == 0 ? "M" : " L").append(f("%.1f %.1f", px, py));
                svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>%n", px, py, colour));
            }
            if (path.length() > 0) {
                svg.append(f("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path, colour));
            }
            int ly = top + 15 + 18 * c;
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + plotWidth + 10, ly - 4, LEFT + plotWidth + 30, ly - 4, colour));
            svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 35, ly, esc(e.getKey())));
            c++;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : f("%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
