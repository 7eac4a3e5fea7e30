package org.cityedge.console.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.Scan.ScanResult;
import org.cityedge.api.field.ScanListener;

/**
 * One scan started from the console or the CLI: hears the driver's progress and finds, and keeps what a poll of
 * {@code GET /api/scans/{id}} shows. What is found is bounded ({@link #MAX_FOUND}).
 */
public final class ScanJob implements ScanListener {

    public static final int MAX_FOUND = 2048;

    /** How a scan stands. */
    public enum State {
        RUNNING, DONE, CANCELLED, FAILED;

        /** As the API writes it: {@code running|done|cancelled|failed}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a poll shows. */
    public record View(String id, String bus, State state, int done, int total, long elapsedMs, long etaMs,
            List<FoundDevice> found, String error) {
    }

    private final String id;
    private final String key;
    private final String bus;
    private final LongSupplier clock;
    private final long startedAt;
    private final List<FoundDevice> found = new ArrayList<>();
    private Scan scan;
    private State state = State.RUNNING;
    private int done;
    private int total;
    private long elapsedMs;
    private long etaMs;
    private String error;

    /** @param key what the scan occupies in its registry: the bus id, or the one key of host scans */
    public ScanJob(String id, String key, String bus, int total, LongSupplier clock) {
        this.id = id;
        this.key = key;
        this.bus = bus;
        this.total = total;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    public String id() {
        return id;
    }

    public String key() {
        return key;
    }

    /** Follows the running scan to its end. */
    public void attach(Scan running) {
        synchronized (this) {
            scan = running;
        }
        running.result().whenComplete(this::finish);
    }

    @Override
    public synchronized void progress(int done, int total, long elapsedMs, long etaMs) {
        this.done = done;
        this.total = total;
        this.elapsedMs = elapsedMs;
        this.etaMs = etaMs;
    }

    @Override
    public synchronized void found(FoundDevice device) {
        if (device != null && found.size() < MAX_FOUND) {
            found.add(device);
        }
    }

    private synchronized void finish(ScanResult result, Throwable failure) {
        if (failure != null || result == null) {
            state = State.FAILED;
            error = failure == null ? "the scan ended without a result" : rootMessage(failure);
        } else {
            state = result.cancelled() ? State.CANCELLED : State.DONE;
            found.clear();
            found.addAll(result.devices().size() > MAX_FOUND ? result.devices().subList(0, MAX_FOUND)
                    : result.devices());
            done = Math.max(done, result.asked());
            if (!result.cancelled()) {
                total = done;
            }
            elapsedMs = result.elapsedMs();
        }
        etaMs = 0;
    }

    /** Asks the driver to stop, and waits up to {@code waitMs} for the scan to end. */
    public void cancel(long waitMs) {
        Scan s;
        synchronized (this) {
            s = scan;
        }
        if (s == null) {
            return;
        }
        s.cancel();
        try {
            s.result().toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the view says how it ended, or that it still runs
        }
    }

    public synchronized boolean finished() {
        return state != State.RUNNING;
    }

    public synchronized View view() {
        long elapsed = state == State.RUNNING ? Math.max(elapsedMs, clock.getAsLong() - startedAt) : elapsedMs;
        return new View(id, bus, state, done, total, elapsed, etaMs, List.copyOf(found), error);
    }

    /** The scan's result stage, for callers that wait (tests). */
    public synchronized CompletionStage<ScanResult> result() {
        return scan == null ? null : scan.result();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
