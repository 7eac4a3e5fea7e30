package org.cityedge.rules.engine;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cityedge.api.model.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own thread. Pollers hand batches over without waiting ({@link #offer}: a full queue drops the batch
 * and counts it, a bus never stalls); the thread evaluates them in arrival order, ticks the engine every
 * {@code tickMillis}, and runs the tasks other threads {@link #call} (swaps, status). Changes of the engine's
 * collaborators (site, arbiter, outbox) are {@link #post posted} to a separate queue that is never full and is drained
 * before each batch: a backlog of samples can neither drop them nor make the caller (a DS thread) wait.
 */
public final class EngineLoop implements EngineAccess, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final long CALL_TIMEOUT_MS = 10_000;

    /** Sees every batch's timing, in nanoseconds (benchmark). */
    public interface BatchObserver {
        void done(int samples, long queuedAt, long startedAt, long finishedAt);
    }

    private record Queued(List<Sample> batch, long queuedAt) {
    }

    /** Put in the batch queue after a posted change, only to wake a loop waiting for batches. */
    private static final Object WAKE = new Object();

    private final RuleEngine engine;
    private final int capacity;
    private final long tickNanos;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Consumer<RuleEngine>> changes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedBatches = new AtomicInteger();
    private final LogLimiter limiter = new LogLimiter();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile BatchObserver observer;

    public EngineLoop(RuleEngine engine, int capacity, long tickMillis) {
        this.engine = engine;
        this.capacity = capacity;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(10, tickMillis));
        this.thread = new Thread(this::run, "cityedge-rules");
        thread.setDaemon(true);
        thread.start();
    }

    public void observer(BatchObserver next) {
        observer = next;
    }

    /** Hands a batch over; false when the queue is full (the batch is dropped and counted). */
    public boolean offer(List<Sample> batch) {
        if (!running) {
            return false;
        }
        if (queuedBatches.incrementAndGet() > capacity) {
            queuedBatches.decrementAndGet();
            engine.stats().dropped();
            if (limiter.allow("full", System.currentTimeMillis())) {
                LOG.warn("rules: engine queue full ({} batches): samples dropped; rules are behind", capacity);
            }
            return false;
        }
        queue.add(new Queued(batch, System.nanoTime()));
        return true;
    }

    /**
     * Queues a change for the engine thread and returns at once; changes run in the order posted, before any batch
     * still waiting. Never dropped while the loop runs.
     */
    public void post(Consumer<RuleEngine> change) {
        changes.add(change);
        queue.add(WAKE);
    }

    @Override
    public <T> T call(Function<RuleEngine, T> task) throws TimeoutException {
        if (Thread.currentThread() == thread) {
            return task.apply(engine);
        }
        FutureTask<T> future = new FutureTask<>(() -> task.apply(engine));
        queue.add(future);
        try {
            return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the rules engine");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        while (running) {
            try {
                runChanges();
                long wait = nextTick - System.nanoTime();
                if (wait <= 0) {
                    engine.tick();
                    long now = System.nanoTime();
                    nextTick = Math.max(nextTick + tickNanos, now + tickNanos / 2);
                    continue;
                }
                Object item = queue.poll(wait, TimeUnit.NANOSECONDS);
                runChanges();   // posted while waiting: still ahead of the batch just taken
                if (item instanceof Queued q) {
                    queuedBatches.decrementAndGet();
                    long started = System.nanoTime();
                    engine.process(q.batch());
                    BatchObserver o = observer;
                    if (o != null) {
                        o.done(q.batch().size(), q.queuedAt(), started, System.nanoTime());
                    }
                } else if (item instanceof FutureTask<?> task) {
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | StackOverflowError e) {
                // The loop must outlive any bad batch or rule: log, go on.
                LOG.error("rules: engine step failed: {}", e.toString(), e);
            }
        }
    }

    private void runChanges() {
        for (Consumer<RuleEngine> change = changes.poll(); change != null; change = changes.poll()) {
            try {
                change.accept(engine);
            } catch (RuntimeException e) {
                LOG.error("rules: a change of the engine failed: {}", e.toString(), e);
            }
        }
    }

    /** Batches waiting. */
    public int queued() {
        return queuedBatches.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }
}
