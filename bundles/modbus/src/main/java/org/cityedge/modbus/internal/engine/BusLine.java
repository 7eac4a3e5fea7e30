package org.cityedge.modbus.internal.engine;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.field.support.ThrottledLog;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;
import org.cityedge.modbus.internal.wire.LinkFactory;
import org.cityedge.modbus.internal.wire.ModbusLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bus (a serial port or a TCP endpoint) and its queue. At most {@code permits} jobs run at a time, each on its own
 * link: 1 for a serial port whatever the unit ids on it, {@code maxConnections} for a TCP endpoint. Writes and
 * on-demand reads go before routine polls. A bus that cannot be opened, or whose port vanishes, is marked down and
 * reopened with backoff by the jobs that come along; while it is down they fail at once without touching the wire.
 */
final class BusLine {

    /** Work queued on the bus. */
    interface Job {
        /** Runs on a bus thread with a link slot of its own; must not throw. */
        void run(Slot slot);

        /** The bus stopped before the job ran. */
        void abandon(String why);
    }

    /** One transaction on an open link. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(ModbusLink link) throws LinkException;
    }

    /** A link and when its last frame ended, owned by one running job at a time. */
    static final class Slot {
        ModbusLink link;
        /** The definition the link was opened with: the bus's own, or a scan's line setting. */
        BusDefinition openedAs;
        long lastFrameEnd;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BusLine.class);
    /** Jobs a drainer runs before it hands its thread back, so TCP endpoints share the pool fairly. */
    private static final int JOBS_PER_TURN = 32;

    final BusDefinition bus;
    private final EngineConfig config;
    private final LinkFactory links;
    private final Executor executor;
    private final ExecutorService ownThread;
    private final int permits;
    private final long characterNanos;
    private final Queue<Job> urgent = new ConcurrentLinkedQueue<>();
    private final Queue<Job> routine = new ConcurrentLinkedQueue<>();
    private final Queue<Slot> idleSlots = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final ThrottledLog downLog;
    private volatile boolean stopped;
    private volatile List<DevicePoller> devices = List.of();
    private boolean down;
    private long reopenAt;
    private long reopenBackoffMs;
    private String downReason;

    BusLine(BusDefinition bus, EngineConfig config, LinkFactory links, Executor sharedPool) {
        this.bus = bus;
        this.config = config;
        this.links = links;
        if (bus.type() == BusType.SERIAL) {
            // a serial port is busy all the time and waits on timeouts: it gets a thread of its own, not a pool thread
            ownThread = Executors.newSingleThreadExecutor(r -> daemon(r, "modbus-" + bus.id()));
            executor = ownThread;
            permits = 1;
            characterNanos = Math.round(bus.bitsPerCharacter() * 1e9 / (bus.baud() > 0 ? bus.baud() : 9600));
        } else {
            ownThread = null;
            executor = sharedPool;
            permits = bus.maxConnections();
            characterNanos = 0;
        }
        downLog = new ThrottledLog(LOG, "bus " + bus.id(), config.errorLogIntervalMs(), "reopened");
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void attach(List<DevicePoller> pollers) {
        devices = List.copyOf(pollers);
    }

    List<DevicePoller> devices() {
        return devices;
    }

    /** Silence a device needs before each frame: 3.5 characters on a serial line plus the configured delays. */
    long gapNanos(int profileDelayMs) {
        long extraMs = (long) bus.interFrameDelayMs() + profileDelayMs + config.extraInterFrameDelayMs();
        return (characterNanos * 7) / 2 + extraMs * 1_000_000L;
    }

    void submit(Job job, boolean priority) {
        if (stopped) {
            job.abandon("bus " + bus.id() + " stopped");
            return;
        }
        (priority ? urgent : routine).add(job);
        startDrainerIfNeeded();
    }

    synchronized boolean isDown() {
        return down;
    }

    /** Runs one transaction: opens the link if needed, keeps the silence between frames, marks the bus down if the
     * port is lost. */
    <T> T transact(Slot slot, int timeoutMs, long gapNanos, Transaction<T> transaction) throws LinkException {
        return transact(slot, bus, timeoutMs, gapNanos, transaction);
    }

    /**
     * Runs one transaction with the port opened as {@code line}: the bus's own definition, or the same port at another
     * baud, parity or stop bits (a scan trying line settings). A link open under another definition is closed and
     * reopened first, so the next poll after a scan reopens the port with the bus's own setting.
     */
    <T> T transact(Slot slot, BusDefinition line, int timeoutMs, long gapNanos, Transaction<T> transaction)
            throws LinkException {
        if (stopped) {
            throw new LinkException(ErrorKind.BUS_DOWN, "bus " + bus.id() + " stopped");
        }
        if (slot.link != null && !line.equals(slot.openedAs)) {
            closeLink(slot);
        }
        if (line.equals(bus)) {
            ensureOpen(slot, timeoutMs);
        } else {
            openAs(slot, line, timeoutMs);
        }
        awaitSilence(slot, gapNanos);
        try {
            return transaction.run(slot.link);
        } catch (LinkException e) {
            if (stopped) { // the engine closed the port under this transaction: not a fault of the bus
                closeLink(slot);
                throw new LinkException(ErrorKind.BUS_DOWN, "bus " + bus.id() + " stopped");
            }
            if (!slot.link.isUsable() || (bus.type() == BusType.SERIAL && e.kind() == ErrorKind.IO)) {
                boolean own = bus.equals(slot.openedAs);
                closeLink(slot);
                if (bus.type() == BusType.SERIAL && own) {
                    markDown("port lost: " + e.getMessage());
                }
            }
            throw e;
        } catch (RuntimeException e) {
            closeLink(slot);
            throw new LinkException(ErrorKind.IO, 0, "bus " + bus.id() + ": " + e, e);
        } finally {
            slot.lastFrameEnd = System.nanoTime();
        }
    }

    private void ensureOpen(Slot slot, int timeoutMs) throws LinkException {
        if (slot.link != null) {
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (down && now < reopenAt) {
                throw new LinkException(ErrorKind.BUS_DOWN, "bus " + bus.id() + " is down (" + downReason
                        + "), next reopen in " + (reopenAt - now) + " ms");
            }
        }
        try {
            slot.link = links.open(bus, timeoutMs);
            slot.openedAs = bus;
        } catch (LinkException e) {
            markDown(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            markDown(e.toString());
            throw new LinkException(ErrorKind.IO, 0, "bus " + bus.id() + ": cannot open: " + e, e);
        }
        boolean wasDown;
        synchronized (this) {
            wasDown = down;
            down = false;
            reopenBackoffMs = 0;
        }
        if (wasDown) {
            downLog.recovered(now);
            // devices backed off while the bus was gone: poll them now rather than after their backoff
            devices.forEach(DevicePoller::retrySoon);
        }
    }

    /** Opens the port under a foreign line setting; a failure says so but does not mark the bus down. */
    private void openAs(Slot slot, BusDefinition line, int timeoutMs) throws LinkException {
        if (slot.link != null) {
            return;
        }
        synchronized (this) {
            if (down) {
                throw new LinkException(ErrorKind.BUS_DOWN, "bus " + bus.id() + " is down (" + downReason + ")");
            }
        }
        try {
            slot.link = links.open(line, timeoutMs);
            slot.openedAs = line;
        } catch (RuntimeException e) {
            throw new LinkException(ErrorKind.IO, 0, "bus " + bus.id() + ": cannot open at " + line.baud() + " "
                    + line.parity() + ": " + e, e);
        }
    }

    /** Closes a link opened under a foreign line setting, so the next job reopens the port as the bus's own. */
    void restoreOwnSetting(Slot slot) {
        if (slot.link != null && !bus.equals(slot.openedAs)) {
            closeLink(slot);
        }
    }

    private void markDown(String reason) {
        long now = System.currentTimeMillis();
        long backoff;
        synchronized (this) {
            down = true;
            reopenBackoffMs = reopenBackoffMs == 0 ? config.backoffInitialMs()
                    : Math.min(config.backoffCapMs(), reopenBackoffMs * 2);
            reopenAt = now + reopenBackoffMs;
            downReason = reason;
            backoff = reopenBackoffMs;
        }
        downLog.failure("down: " + reason + "; reopening in " + backoff + " ms", now);
    }

    private static void awaitSilence(Slot slot, long gapNanos) {
        if (gapNanos <= 0 || slot.lastFrameEnd == 0) {
            return;
        }
        long deadline = slot.lastFrameEnd + gapNanos;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(left);
        }
    }

    private void startDrainerIfNeeded() {
        while (!stopped && (!urgent.isEmpty() || !routine.isEmpty())) {
            int running = drainers.get();
            if (running >= permits) {
                return;
            }
            if (drainers.compareAndSet(running, running + 1)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    drainers.decrementAndGet();
                    abandonQueued("engine stopped");
                }
                return;
            }
        }
    }

    private void drain() {
        Slot slot = idleSlots.poll();
        if (slot == null) {
            slot = new Slot();
        }
        try {
            for (int n = 0; n < JOBS_PER_TURN && !stopped; n++) {
                Job job = urgent.poll();
                if (job == null) {
                    job = routine.poll();
                }
                if (job == null) {
                    break;
                }
                try {
                    job.run(slot);
                } catch (Throwable t) {
                    // a bug in one job must not kill the bus
                    LOG.error("bus {}: unexpected failure in a job", bus.id(), t);
                }
            }
        } finally {
            if (stopped) {
                closeLink(slot);
            } else {
                idleSlots.add(slot);
            }
            drainers.decrementAndGet();
            if (stopped) {
                abandonQueued("bus " + bus.id() + " stopped");
            } else {
                startDrainerIfNeeded();
            }
        }
    }

    private static void closeLink(Slot slot) {
        if (slot.link != null) {
            slot.link.close();
            slot.link = null;
            slot.openedAs = null;
        }
    }

    private void abandonQueued(String why) {
        for (Job job = urgent.poll(); job != null; job = urgent.poll()) {
            job.abandon(why);
        }
        for (Job job = routine.poll(); job != null; job = routine.poll()) {
            job.abandon(why);
        }
    }

    /** Stops taking jobs, abandons the queued ones and closes idle links; a running job finishes (bounded). */
    void stop() {
        stopped = true;
        abandonQueued("bus " + bus.id() + " stopped");
        for (Slot slot = idleSlots.poll(); slot != null; slot = idleSlots.poll()) {
            closeLink(slot);
        }
        if (ownThread != null) {
            ownThread.shutdown();
        }
    }

    /** Waits until the running job is done, at most until {@code deadlineNanos}; then closes what is left. */
    void awaitStopped(long deadlineNanos) throws InterruptedException {
        if (ownThread != null) {
            long left = deadlineNanos - System.nanoTime();
            if (!ownThread.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                ownThread.shutdownNow();
            }
        }
        while (drainers.get() > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
        for (Slot slot = idleSlots.poll(); slot != null; slot = idleSlots.poll()) {
            closeLink(slot);
        }
    }
}
