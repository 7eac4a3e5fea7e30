package org.cityedge.buffer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox engine, usable with or without OSGi: a bounded queue, one writer thread that commits in groups, and
 * the {@link DrainOrder} for leases. See the package documentation for the policies.
 */
public final class DurableOutbox implements Outbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableOutbox.class);
    private static final long WRITE_RETRY_MS = 1_000;
    private static final long DROP_LOG_INTERVAL_MS = 60_000;
    private static final Priority[] DROP_ORDER = { Priority.BULK, Priority.NORMAL, Priority.URGENT };

    private final SqliteStore store;
    private final BlockingQueue<OutboundMessage> queue;
    private final Queue<Long> acks = new ConcurrentLinkedQueue<>();
    private final Set<Long> acknowledgedNotDeleted = ConcurrentHashMap.newKeySet();
    private final Queue<PendingFlush> flushes = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedWriteFailed = new AtomicLong();
    private final Map<MessageKind, AtomicLong> droppedByQuota = new EnumMap<>(MessageKind.class);
    private final long corruptFilesMovedAside;
    private final Object durable = new Object();
    private final Object leaseLock = new Object();
    private final DrainOrder drainOrder;
    private final FullDisk fullDisk;
    private final Thread writer;

    private volatile BufferSettings settings;
    private volatile boolean running = true;
    private volatile long handled;
    private volatile long lastDurableSeq;
    private volatile long depth;
    private volatile long bytes;
    private volatile String problem;
    private long lastDropLog;
    private long lastQueueFullLog;

    private record PendingFlush(long target, CompletableFuture<Long> future) {
    }

    private DurableOutbox(BufferSettings settings, SqliteStore store, SpareSpace spare, long corruptFilesMovedAside) {
        this.settings = settings;
        this.store = store;
        this.fullDisk = new FullDisk(store, spare, toFree -> evict(toFree, false));
        this.corruptFilesMovedAside = corruptFilesMovedAside;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        for (MessageKind k : MessageKind.values()) {
            droppedByQuota.put(k, new AtomicLong());
        }
        lastDurableSeq = store.lastSeq();
        depth = store.depth();
        bytes = store.bytes();
        drainOrder = new DrainOrder(lastDurableSeq);
        writer = new Thread(this::writeLoop, "cityedge-buffer-writer");
        writer.setDaemon(true);
    }

    /**
     * Opens the store named in the settings and starts the writer. A store SQLite reports as corrupt is moved aside
     * (logged, counted in {@link BufferStatus#corruptFilesMovedAside()}) and a fresh one is created.
     */
    public static DurableOutbox open(BufferSettings settings) throws IOException, SQLException {
        return open(settings, Clock.systemUTC());
    }

    static DurableOutbox open(BufferSettings settings, Clock clock) throws IOException, SQLException {
        Path file = settings.file();
        SqliteStore store;
        long movedAside = 0;
        try {
            store = SqliteStore.open(file);
        } catch (SQLException e) {
            if (!SqliteStore.isCorruption(e)) {
                throw e;
            }
            Path aside = new CorruptStoreQuarantine(clock).moveAside(file);
            LOG.error("buffer: {} is corrupt ({}); moved it aside to {} and started a fresh buffer", file,
                    e.getMessage(), aside.getFileName());
            movedAside = 1;
            store = SqliteStore.open(file);
        }
        SpareSpace spare = SpareSpace.beside(file, settings.quotaBytes());
        if (!spare.ensure()) {
            LOG.warn("buffer: no room for the {} spare bytes beside {}; a full disk may then stop writes until space"
                    + " is freed", spare.bytes(), file);
        }
        DurableOutbox outbox = new DurableOutbox(settings, store, spare, movedAside);
        if (outbox.depth > 0) {
            LOG.info("buffer: {} holds {} messages ({} bytes) to forward; last sequence number {}", file,
                    outbox.depth, outbox.bytes, outbox.lastDurableSeq);
        }
        outbox.writer.start();
        return outbox;
    }

    /** Applies quota, commit interval and batch size at once; file and queue size need a restart (logged). */
    public void reconfigure(BufferSettings next) {
        BufferSettings current = settings;
        if (!next.file().equals(current.file()) || next.queueCapacity() != current.queueCapacity()) {
            LOG.warn("buffer: file and queue capacity changes take effect at the next start (now {}, {})",
                    current.file(), current.queueCapacity());
            next = new BufferSettings(current.file(), next.quotaBytes(), current.queueCapacity(),
                    next.commitIntervalMs(), next.maxBatch());
        }
        settings = next;
    }

    @Override
    public boolean offer(OutboundMessage message) {
        if (running && queue.offer(message)) {
            accepted.incrementAndGet();
            return true;
        }
        long dropped = droppedQueueFull.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastQueueFullLog > DROP_LOG_INTERVAL_MS) {
            lastQueueFullLog = now; // racy on purpose: at worst two lines
            LOG.warn("buffer: {}; dropped {} messages so far", running ? "in-memory queue full (writer behind)"
                    : "closed", dropped);
        }
        return false;
    }

    @Override
    public CompletionStage<Long> flush() {
        long target = accepted.get();
        if (handled >= target) {
            return CompletableFuture.completedFuture(lastDurableSeq);
        }
        PendingFlush pending = new PendingFlush(target, new CompletableFuture<>());
        flushes.add(pending);
        if (handled >= target || !writer.isAlive()) {
            completeFlushes();
        }
        return pending.future();
    }

    @Override
    public List<BufferedMessage> lease(int max, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (leaseLock) {
            while (true) {
                long seen = lastDurableSeq;
                try {
                    List<BufferedMessage> next = drainOrder.next(max, store::read, acknowledgedNotDeleted::contains);
                    if (!next.isEmpty()) {
                        return next;
                    }
                } catch (SQLException e) {
                    problem = "cannot read buffer: " + e.getMessage();
                    LOG.error("buffer: cannot read {}: {}", store.file(), e.getMessage());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return List.of();
                }
                synchronized (durable) {
                    if (lastDurableSeq == seen) {
                        TimeUnit.NANOSECONDS.timedWait(durable, left);
                    }
                }
            }
        }
    }

    @Override
    public void acknowledge(long seq) {
        if (acknowledgedNotDeleted.add(seq)) {
            acks.add(seq);
        }
    }

    @Override
    public void rewind() {
        synchronized (leaseLock) {
            drainOrder.rewind(lastDurableSeq);
        }
    }

    @Override
    public long lastSequence() {
        return lastDurableSeq;
    }

    @Override
    public BufferStatus status() {
        long oldest = 0;
        try {
            oldest = depth == 0 ? 0 : store.oldestSampleTime();
        } catch (SQLException e) {
            problem = "cannot read buffer: " + e.getMessage();
        }
        Map<MessageKind, Long> quotaDrops = new EnumMap<>(MessageKind.class);
        droppedByQuota.forEach((k, v) -> quotaDrops.put(k, v.get()));
        Path dir = store.file().toAbsolutePath().getParent();
        String diskFull = fullDisk.problem();
        return new BufferStatus(depth, bytes, store.fileBytes(), settings.quotaBytes(),
                dir == null ? 0 : dir.toFile().getUsableSpace(), oldest, lastDurableSeq, droppedQueueFull.get(),
                quotaDrops, droppedWriteFailed.get(), corruptFilesMovedAside, diskFull != null ? diskFull : problem);
    }

    /** See {@link SqliteStore#capPages}: makes the store's file full at this many pages, for tests. */
    void capStorePages(long pages) {
        store.capPages(pages);
    }

    /** Folds the write-ahead log into the database file; for measurements. */
    public void checkpoint() throws SQLException {
        flush().toCompletableFuture().join();
        store.checkpoint();
    }

    /** Commits what is queued, stops the writer and closes the store. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("buffer: writer did not stop within 30 s; closing anyway");
        }
        try {
            store.close();
        } catch (SQLException e) {
            LOG.warn("buffer: closing {}: {}", store.file(), e.getMessage());
        }
        completeFlushes();
        synchronized (durable) {
            durable.notifyAll();
        }
    }

    // ------------------------------------------------------------------ writer thread

    private void writeLoop() {
        List<OutboundMessage> batch = new ArrayList<>();
        List<Long> ackBatch = new ArrayList<>();
        while (running || !queue.isEmpty() || !acks.isEmpty()) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                // Only close() stops the writer; an interrupt from elsewhere must not lose the queue.
                Thread.interrupted();
            }
            for (Long ack; ackBatch.size() < 10_000 && (ack = acks.poll()) != null;) {
                ackBatch.add(ack);
            }
            if (!batch.isEmpty() || !ackBatch.isEmpty()) {
                commit(batch, ackBatch);
                enforceQuota();
                batch.clear();
                ackBatch.clear();
            }
            fullDisk.checkRecovered();
            completeFlushes();
        }
    }

    /** Waits briefly for a first message, then gathers more for the commit interval, until full or urgent. */
    private void gather(List<OutboundMessage> batch) throws InterruptedException {
        OutboundMessage first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        BufferSettings s = settings;
        batch.add(first);
        boolean urgent = first.priority() == Priority.URGENT;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.commitIntervalMs());
        while (!urgent && batch.size() < s.maxBatch()) {
            int before = batch.size();
            queue.drainTo(batch, s.maxBatch() - before);
            for (int i = before; i < batch.size() && !urgent; i++) {
                urgent = batch.get(i).priority() == Priority.URGENT;
            }
            long wait = deadline - System.nanoTime();
            if (urgent || batch.size() >= s.maxBatch() || wait <= 0) {
                break;
            }
            OutboundMessage next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            urgent = next.priority() == Priority.URGENT;
        }
    }

    private void commit(List<OutboundMessage> batch, List<Long> ackBatch) {
        while (true) {
            try {
                store.commit(batch, ackBatch);
                fullDisk.written();
                if (problem != null) {
                    LOG.info("buffer: writing again after: {}", problem);
                    problem = null;
                }
                break;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException s && SqliteStore.isDiskFull(s)) {
                    if (deleteAcknowledged(ackBatch) || fullDisk.makeRoom(s, bytesOf(batch))) {
                        continue; // room was made: retry at once
                    }
                } else {
                    reportWriteFailure(e, batch.size());
                }
                if (!running) {
                    loseOnClose(batch.size());
                    break;
                }
                pause(WRITE_RETRY_MS);
            }
        }
        published(batch.size());
        ackBatch.forEach(acknowledgedNotDeleted::remove);
    }

    private void reportWriteFailure(Exception e, int held) {
        String now = "cannot write: " + e.getMessage();
        if (!now.equals(problem)) {
            LOG.error("buffer: {} ({}); keeping {} messages in memory and retrying every {} ms; new messages are"
                    + " dropped and counted while the queue is full", now, store.file(), held, WRITE_RETRY_MS);
        }
        problem = now;
    }

    /** Closing while the store cannot be written: what is held and queued is lost, counted, logged once. */
    private void loseOnClose(int held) {
        int lost = held + queue.drainTo(new ArrayList<>());
        droppedWriteFailed.addAndGet(lost);
        handled += lost - held; // the queued ones count as handled here, the held batch in published()
        if (lost == 0) {
            return;
        }
        LOG.error("buffer: closing while {} cannot be written: {} messages lost", store.file(), lost);
    }

    /** On a full disk, deletes what the broker acknowledged on its own first: that room costs nothing. */
    private boolean deleteAcknowledged(List<Long> ackBatch) {
        if (ackBatch.isEmpty()) {
            return false;
        }
        try {
            store.commit(List.of(), ackBatch);
        } catch (SQLException e) {
            return false;
        }
        published(0);
        ackBatch.forEach(acknowledgedNotDeleted::remove);
        ackBatch.clear();
        return true;
    }

    /** Makes the writer's latest state visible to leases, flushes and status. */
    private void published(int messagesHandled) {
        synchronized (durable) {
            handled += messagesHandled;
            lastDurableSeq = store.lastSeq();
            depth = store.depth();
            bytes = store.bytes();
            durable.notifyAll();
        }
    }

    private static long bytesOf(List<OutboundMessage> batch) {
        long n = 0;
        for (OutboundMessage m : batch) {
            n += m.json().length() + m.topicSuffix().length() + SqliteStore.ROW_OVERHEAD;
        }
        return n;
    }

    /** The quota, or while the disk is full the lower limit it sets. */
    private void enforceQuota() {
        long quota = settings.quotaBytes();
        long limit = Math.min(quota, fullDisk.limit());
        if (store.bytes() <= limit) {
            return;
        }
        long target = limit - limit / 100; // 1 % headroom, so not every commit has to drop again
        try {
            evict(store.bytes() - target, limit == quota);
        } catch (SQLException e) {
            String now = "cannot apply quota: " + e.getMessage();
            if (!now.equals(problem)) { // once, not at every commit
                LOG.error("buffer: cannot apply the quota to {}: {}", store.file(), e.getMessage());
            }
            problem = now;
        }
        depth = store.depth();
        bytes = store.bytes();
    }

    /**
     * The quota's order: the oldest of the lowest priority first. Returns the bytes freed; every drop is counted.
     * {@code forQuota}: the quota, not a full disk, is why (which the log then says).
     */
    private long evict(long toFree, boolean forQuota) throws SQLException {
        long before = store.bytes();
        for (Priority p : DROP_ORDER) {
            long left = toFree - (before - store.bytes());
            if (left <= 0) {
                break;
            }
            count(store.dropOldest(p, left), forQuota);
        }
        depth = store.depth();
        bytes = store.bytes();
        return before - store.bytes();
    }

    private void count(Map<MessageKind, Long> dropped, boolean forQuota) {
        dropped.forEach((k, n) -> droppedByQuota.get(k).addAndGet(n));
        long now = System.currentTimeMillis();
        if (forQuota && !dropped.isEmpty() && now - lastDropLog > DROP_LOG_INTERVAL_MS) {
            lastDropLog = now;
            Map<MessageKind, Long> totals = new EnumMap<>(MessageKind.class);
            droppedByQuota.forEach((k, v) -> totals.put(k, v.get()));
            LOG.warn("buffer: quota of {} bytes reached: dropping the oldest messages of the lowest priority;"
                    + " dropped so far {}", settings.quotaBytes(), totals);
        }
    }

    private void completeFlushes() {
        boolean done = !writer.isAlive() && !running;
        for (PendingFlush f : flushes) {
            if (handled >= f.target() || done) {
                flushes.remove(f);
                f.future().complete(lastDurableSeq);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.interrupted(); // the writer only stops through close()
        }
    }
}
