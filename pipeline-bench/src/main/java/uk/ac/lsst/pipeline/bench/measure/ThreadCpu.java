package uk.ac.lsst.pipeline.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads, grouped by who they work for. A thread belongs to the stage whose application
 * id its name contains (Kafka Streams names its stream threads and their producers' network threads after the
 * client id, which starts with the application id); the longest such id wins. Of the other threads, the
 * replay's ({@code bench-replay} and its producer's network thread) go to {@link #REPLAY_GROUP}, and the rest,
 * nearly all the brokers' request handlers, network and log threads, to {@link #OTHER_GROUP}. The JIT compiler's
 * and the garbage collector's threads are not visible to {@link ThreadMXBean} and are not counted. Threads are sampled with
 * {@link #sample()}; the CPU of a thread that ends between two samples is counted up to the earlier one. Not
 * thread-safe.
 */
public final class ThreadCpu {
    public static final String OTHER_GROUP = "brokers-and-other";
    public static final String REPLAY_GROUP = "replay";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<String> groups;
    private final Map<Long, String> groupOf = new HashMap<>();
    private final Map<Long, Long> baseline = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();

    /** @param groups the application ids to group by */
    public ThreadCpu(List<String> groups) {
        this.groups = groups.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    public boolean supported() {
        return threads.isThreadCpuTimeSupported();
    }

    /** Starts counting from now: the CPU each thread used so far is not counted. */
    public void start() {
        baseline.clear();
        latest.clear();
        sample();
        baseline.putAll(latest);
    }

    /** Reads every live thread's CPU time. */
    public void sample() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            String name = infos[i].getThreadName();
            groupOf.computeIfAbsent(ids[i], id -> group(name));
            latest.put(ids[i], cpu);
        }
    }

    /** CPU seconds per group since {@link #start()}, up to the last {@link #sample()}. */
    public Map<String, Double> secondsByGroup() {
        Map<String, Double> seconds = new TreeMap<>();
        latest.forEach((id, cpu) -> seconds.merge(groupOf.get(id),
                (cpu - baseline.getOrDefault(id, 0L)) / 1e9, Double::sum));
        return seconds;
    }

    String group(String threadName) {
        for (String g : groups) {
            if (threadName.contains(g)) {
                return g;
            }
        }
        if (threadName.startsWith("bench-replay") || threadName.startsWith("kafka-producer-network-thread | producer-")) {
            return REPLAY_GROUP;
        }
        return OTHER_GROUP;
    }
}
