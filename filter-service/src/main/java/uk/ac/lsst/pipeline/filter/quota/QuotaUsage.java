package uk.ac.lsst.pipeline.filter.quota;

import java.time.LocalDate;

/**
 * What one filter wrote and dropped on one UTC day. Immutable.
 *
 * @param day            the UTC day
 * @param bytesWritten   bytes of the records written
 * @param recordsWritten records written
 * @param bytesDropped   bytes of the records dropped over the quota
 * @param recordsDropped records dropped over the quota
 */
public record QuotaUsage(LocalDate day, long bytesWritten, long recordsWritten, long bytesDropped,
                         long recordsDropped) {
}
