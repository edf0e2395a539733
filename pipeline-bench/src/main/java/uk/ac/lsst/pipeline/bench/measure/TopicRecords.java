package uk.ac.lsst.pipeline.bench.measure;

/**
 * What the bench keeps of each record of one topic: its append time, its size, the alert it is about and when
 * that alert was appended upstream. Filled by {@link OutputReader}; not thread-safe.
 */
public final class TopicRecords {
    private final String topic;
    private final LongList appendMs = new LongList();
    private final LongList bytes = new LongList();
    private final LongList alertIds = new LongList();
    private final LongList upstreamMs = new LongList();

    public TopicRecords(String topic) {
        this.topic = topic;
    }

    /** @param upstreamMs the alert's upstream append time, or -1 when the record does not carry it */
    void add(long appendMs, long bytes, long alertId, long upstreamMs) {
        this.appendMs.add(appendMs);
        this.bytes.add(bytes);
        this.alertIds.add(alertId);
        this.upstreamMs.add(upstreamMs);
    }

    public String topic() {
        return topic;
    }

    public int size() {
        return appendMs.size();
    }

    public long appendMs(int i) {
        return appendMs.get(i);
    }

    public long bytes(int i) {
        return bytes.get(i);
    }

    public long alertId(int i) {
        return alertIds.get(i);
    }

    public long upstreamMs(int i) {
        return upstreamMs.get(i);
    }

    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += bytes.get(i);
        }
        return sum;
    }

    public long firstAppendMs() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size(); i++) {
            min = Math.min(min, appendMs.get(i));
        }
        return min;
    }

    public long lastAppendMs() {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, appendMs.get(i));
        }
        return max;
    }
}
