package org.cityedge.buffer;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the writer does when SQLite reports the disk full: the space the disk has becomes the quota. It gives back
 * the {@link SpareSpace}, drops the oldest messages by the quota's order (telemetry first, alarms last, each drop
 * counted) to make room for the new ones, and from then on holds the buffer at the bytes it then had
 * ({@link #limit()}, applied like the quota), so the file stops growing and the spare's room is left for SQLite's
 * log. It says so in one log line and in {@link #problem()}. When dropping does not help (nothing left to drop, or
 * the disk has no room even for that), new messages wait in memory and the writer retries; the bounded queue in
 * front of it then refuses and counts, so polling never waits. Once SQLite can grow the file again by twice the
 * spare plus a margin, the spare is put back, the limit lifted, and writing is normal again.
 *
 * <p>Writer thread only, except {@link #problem()}.
 */
final class FullDisk {

    /** Drops the oldest messages by the quota's order, counting them, until about this many bytes are freed. */
    interface Evictor {
        long evict(long bytes) throws SQLException;
    }

    static final long MIN_EVICT_BYTES = 64 * 1024;
    private static final long MIN_ROOM_BYTES = 1L << 20;
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(DurableOutbox.class);

    private final SqliteStore store;
    private final SpareSpace spare;
    private final Evictor evictor;
    private boolean full;
    private boolean waiting;
    private boolean waitLogged;
    private long freedSinceWrite;
    private long nextCheck;
    private long limit = Long.MAX_VALUE;
    private volatile String problem;

    FullDisk(SqliteStore store, SpareSpace spare, Evictor evictor) {
        this.store = store;
        this.spare = spare;
        this.evictor = evictor;
    }

    /** Most bytes of messages the disk holds, while it is full; {@code Long.MAX_VALUE} otherwise. */
    long limit() {
        return limit;
    }

    /** What is wrong now, for the health report; null when the disk is not full. */
    String problem() {
        return problem;
    }

    /**
     * A commit of {@code batchBytes} failed with SQLITE_FULL. Drops the oldest messages, up to about twice what the
     * batch needs since the last successful write (a disk with no room at all must not cost the whole buffer).
     *
     * @return true when room was made: retry at once; false: retry later
     */
    boolean makeRoom(SQLException cause, long batchBytes) {
        if (!full) {
            full = true;
            waitLogged = false;
            boolean released = spare.release();
            LOG.error("buffer: disk full writing {} ({}); {}dropping the oldest telemetry first, alarms last (counted"
                    + " in health buffer.dropped) to keep writing; polling goes on; back to normal when the disk has"
                    + " {} bytes free again", store.file(), cause.getMessage(),
                    released ? "gave back the " + spare.bytes() + " spare bytes; " : "", roomNeeded());
        }
        long freed = 0;
        if (freedSinceWrite < 2 * batchBytes + MIN_EVICT_BYTES) {
            try {
                freed = evictor.evict(Math.max(batchBytes + store.bytes() / 100, MIN_EVICT_BYTES));
                limit = Math.min(limit, store.bytes() + batchBytes);
                store.checkpointPassive();
            } catch (SQLException e) {
                LOG.debug("buffer: could not drop messages on a full disk: {}", e.getMessage());
            }
            freedSinceWrite += freed;
        }
        waiting = freed == 0;
        if (waiting && !waitLogged) {
            waitLogged = true;
            LOG.warn("buffer: disk full and dropping old messages does not make room in {}: new messages wait in"
                    + " memory, and are dropped and counted (health buffer.dropped.queueFull) once the queue is full",
                    store.file());
        }
        describe();
        return freed > 0;
    }

    /** A commit went through. */
    void written() {
        freedSinceWrite = 0;
        if (waiting) {
            waiting = false;
            describe();
        }
    }

    /** While full, at most once a second: whether SQLite has room to grow again; if so, back to normal. */
    void checkRecovered() {
        long now = System.nanoTime();
        if (!full || now - nextCheck < 0) {
            return;
        }
        nextCheck = now + RECHECK_NANOS;
        long room;
        try {
            room = store.roomToGrow();
        } catch (SQLException e) {
            return;
        }
        if (room >= roomNeeded() && spare.ensure()) {
            full = false;
            waiting = false;
            limit = Long.MAX_VALUE;
            problem = null;
            LOG.info("buffer: disk has room again ({} bytes free for {}); writing normally", room, store.file());
        }
    }

    private long roomNeeded() {
        return 2 * spare.bytes() + MIN_ROOM_BYTES;
    }

    private void describe() {
        problem = waiting ? "disk full: cannot write; new messages wait in memory, dropped when the queue is full"
                : "disk full: dropping the oldest telemetry first to keep writing";
    }
}
