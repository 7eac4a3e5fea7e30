package org.cityedge.api.uplink;

import java.util.Map;

/**
 * The outbox's figures, for health reports and the console.
 *
 * @param depth               messages held (not yet acknowledged by the broker)
 * @param bytes               bytes those messages take, as counted against the quota
 * @param fileBytes           size of the store on disk (database and write-ahead log)
 * @param quotaBytes          the configured quota
 * @param diskFreeBytes       free space on the store's file system
 * @param oldestSampleTime    sample time of the oldest message held, epoch ms; 0 when empty
 * @param lastSequence        the highest sequence number assigned so far
 * @param droppedQueueFull    messages refused because the in-memory queue in front of the store was full
 * @param droppedByQuota      messages dropped to stay within the quota, by kind
 * @param droppedWriteFailed  messages lost because the store could not write them (disk full, I/O error)
 * @param corruptFilesMovedAside corrupt store files found at start and moved aside since this process started
 * @param problem             what is wrong now, for people (e.g. "disk full"); null when healthy
 */
public record BufferStatus(long depth, long bytes, long fileBytes, long quotaBytes, long diskFreeBytes,
        long oldestSampleTime, long lastSequence, long droppedQueueFull, Map<MessageKind, Long> droppedByQuota,
        long droppedWriteFailed, long corruptFilesMovedAside, String problem) {

    public BufferStatus {
        droppedByQuota = Map.copyOf(droppedByQuota);
    }

    /** Every message dropped, whatever the reason. */
    public long droppedTotal() {
        return droppedQueueFull + droppedWriteFailed
                + droppedByQuota.values().stream().mapToLong(Long::longValue).sum();
    }
}
