package uk.ac.lsst.pipeline.ops;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link PipelineStatus} as a table for people. */
public final class StatusTable {
    private StatusTable() {
    }

    public static String render(PipelineStatus status, boolean perPartition) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-10s %-28s %-8s %s%n", "BUFFER", "BOOTSTRAP", "STATE", "BROKERS"));
        for (PipelineStatus.BufferStatus b : status.buffers()) {
            String brokers = b.reachable() ? b.brokers().size() + " (" + String.join(", ", b.brokers().stream()
                    .map(n -> n.id() + "@" + n.address() + (n.rack() == null ? "" : " rack " + n.rack())
                            + (Integer.valueOf(n.id()).equals(b.controller()) ? " controller" : "")).toList()) + ")"
                    : b.error();
            out.append(String.format(Locale.ROOT, "%-10s %-28s %-8s %s%n", b.name(), b.bootstrap(),
                    b.reachable() ? "up" : "DOWN", brokers));
        }
        out.append(String.format(Locale.ROOT, "%n%-36s %10s %12s %10s %9s%n", "TOPIC", "PARTITIONS", "MESSAGES", "SIZE",
                "RATE/s"));
        for (PipelineStatus.BufferStatus b : status.buffers()) {
            for (PipelineStatus.TopicStatus t : b.topics()) {
                out.append(String.format(Locale.ROOT, "%-36s %10d %12d %10s %9s%n", b.name() + "/" + t.name(),
                        t.partitions(), t.messages(), bytes(t.bytes()), rate(t.ratePerSecond())));
            }
        }
        out.append(String.format(Locale.ROOT, "%n%-20s %-20s %-19s %7s %10s %9s %10s%n", "STAGE", "GROUP", "STATE",
                "MEMBERS", "LAG", "RATE/s", "CATCH-UP"));
        for (PipelineStatus.StageStatus s : status.stages()) {
            out.append(String.format(Locale.ROOT, "%-20s %-20s %-19s %7d %10d %9s %10s%n", s.name(), s.group(),
                    s.state(), s.members().size(), s.totalLag(), rate(s.ratePerSecond()), catchUp(s)));
            if (s.error() != null) {
                out.append("    ").append(s.error()).append('\n');
            }
            for (PipelineStatus.Member m : s.members()) {
                out.append(String.format(Locale.ROOT, "    %s (%s): %s%n", m.clientId(), m.host(),
                        m.partitions().isEmpty() ? "no partitions" : compact(m.partitions())));
            }
            if (perPartition && !s.lag().isEmpty()) {
                out.append("    lag: ").append(String.join(" ", s.lag().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code alerts-0, alerts-1, alerts-2} as {@code alerts[0,1,2]}. */
    static String compact(List<String> partitions) {
        Map<String, List<String>> byTopic = new java.util.LinkedHashMap<>();
        for (String p : partitions) {
            int i = p.lastIndexOf('-');
            byTopic.computeIfAbsent(p.substring(0, i), t -> new java.util.ArrayList<>()).add(p.substring(i + 1));
        }
        return String.join(" ", byTopic.entrySet().stream()
                .map(e -> e.getKey() + "[" + String.join(",", e.getValue()) + "]").toList());
    }

    private static String catchUp(PipelineStatus.StageStatus s) {
        if (s.totalLag() == 0) {
            return "caught up";
        }
        if (s.ratePerSecond() == null) {
            return "-";
        }
        if (s.catchUpSeconds() == null) {
            return "not gaining";
        }
        long secs = Math.round(s.catchUpSeconds());
        return secs < 120 ? secs + " s" : secs < 7200 ? secs / 60 + " min" : secs / 3600 + " h";
    }

    private static String rate(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.1f", r);
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GB", b / 1073741824.0);
    }
}
