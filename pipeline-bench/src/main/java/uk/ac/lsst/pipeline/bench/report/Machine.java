package uk.ac.lsst.pipeline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run came from.
 *
 * @param cores        available processors
 * @param loadAverage  the 1, 5 and 15 minute load averages (from {@code /proc/loadavg}), or "" where unknown
 * @param java         the JVM
 * @param os           the operating system
 * @param maxHeapMb    the JVM's maximum heap
 */
public record Machine(int cores, String loadAverage, String java, String os, long maxHeapMb) {

    public static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(), currentLoad(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** The first three fields of {@code /proc/loadavg}. */
    public static String currentLoad() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Resident memory of this process in MB (from {@code /proc/self/status}), or -1. */
    public static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
