package org.cityedge.buffer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the outbox is run.
 *
 * @param file             the SQLite file
 * @param quotaBytes       most bytes of messages held (see the package doc for how they are counted)
 * @param queueCapacity    messages the in-memory queue in front of the writer holds
 * @param commitIntervalMs how long the writer gathers messages into one commit
 * @param maxBatch         most messages in one commit
 */
public record BufferSettings(Path file, long quotaBytes, int queueCapacity, long commitIntervalMs, int maxBatch) {

    public static final long DEFAULT_QUOTA = 1L << 30;
    public static final int DEFAULT_QUEUE = 20_000;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 50;
    public static final int DEFAULT_MAX_BATCH = 2_000;

    public BufferSettings {
        Objects.requireNonNull(file, "file");
        if (quotaBytes < 64 * 1024) {
            throw new IllegalArgumentException("quota must be at least 64 KiB, was " + quotaBytes);
        }
        if (queueCapacity < 1 || maxBatch < 1 || commitIntervalMs < 0) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive, interval not negative");
        }
    }

    public static BufferSettings defaults(Path file) {
        return new BufferSettings(file, DEFAULT_QUOTA, DEFAULT_QUEUE, DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_MAX_BATCH);
    }

    public BufferSettings withQuota(long bytes) {
        return new BufferSettings(file, bytes, queueCapacity, commitIntervalMs, maxBatch);
    }

    public BufferSettings withQueueCapacity(int capacity) {
        return new BufferSettings(file, quotaBytes, capacity, commitIntervalMs, maxBatch);
    }

    public BufferSettings withCommitInterval(long millis) {
        return new BufferSettings(file, quotaBytes, queueCapacity, millis, maxBatch);
    }
}
