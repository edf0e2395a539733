package uk.ac.lsst.pipeline.filter.quota;

/** Whether one matching record may be written to its filter's topic. */
public enum QuotaDecision {
    /** Within the day's quota: write it. */
    WRITE,
    /** Over the day's quota, and the first record of this filter dropped this UTC day (log it once). */
    FIRST_DROP,
    /** Over the day's quota: drop it (already reported today). */
    DROP;

    public boolean write() {
        return this == WRITE;
    }
}
