package org.cityedge.control.arbiter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arbiter, usable without OSGi. Per device and point the live claim of the highest source wins (among claims
 * of one source, the latest placed); its value is written through the device's driver, verified by read-back:
 * <ul>
 * <li>when the effective value changes (a claim placed or released),</li>
 * <li>when a claim ends (a timer at the earliest end; the next claim takes over),</li>
 * <li>when the device reports another value for longer than the grace (as a {@link SampleSink}): a lamp that
 * rebooted into its default is set right. Rewrites back off (the grace doubled each time, capped) and stop after
 * {@link ArbiterSettings#driftMaxRewrites()} in a row with a {@code controlNotHeld} alarm.</li>
 * </ul>
 * Steps of one point run one after the other on the executor, and a finished write is taken back onto it: nothing
 * chained onto a claim's result runs on a driver's bus thread. A claim is checked against the device's profile
 * before anything is written. {@link #claim} never completes exceptionally: a refused claim is not placed and comes
 * back with a failed write naming the reason.
 */
public final class PointArbiter implements PointControl, SampleSink {

    private static final Logger LOG = LoggerFactory.getLogger(PointArbiter.class);

    private final FieldRouter router;
    private final Supplier<SiteService> site;
    private final Timers timers;
    private final Executor executor;
    private final ControlEvents events;
    private final ConcurrentHashMap<PointKey, PointState> points = new ConcurrentHashMap<>();
    private volatile ArbiterSettings settings;
    private volatile boolean closed;

    final AtomicLong claimsPlaced = new AtomicLong();
    final AtomicLong claimsRefused = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();
    final AtomicLong driftRewrites = new AtomicLong();
    final AtomicLong driftGiveUps = new AtomicLong();

    private record PointKey(String deviceId, String point) {
    }

    /** What one arbitration step found and did. */
    private record Outcome(PointClaim winner, WriteResult write) {
    }

    public PointArbiter(FieldRouter router, Supplier<SiteService> site, ArbiterSettings settings, Timers timers,
            Executor executor, Supplier<org.cityedge.api.uplink.Outbox> outbox) {
        this.router = router;
        this.site = site;
        this.settings = settings;
        this.timers = timers;
        this.executor = orInline(executor);
        this.events = new ControlEvents(outbox);
    }

    /** Once the executor is stopped, runs the task in place, so no step or claim result is left pending. */
    private static Executor orInline(Executor executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException stopped) {
                task.run();
            }
        };
    }

    public void reconfigure(ArbiterSettings next) {
        settings = next;
    }

    /** Stops the timers; claims placed afterwards are refused. */
    public void close() {
        closed = true;
        for (PointState st : points.values()) {
            synchronized (st) {
                if (st.timer != null) {
                    st.timer.cancel();
                    st.timer = null;
                    st.timerAt = Long.MAX_VALUE;
                }
            }
        }
    }

    @Override
    public CompletionStage<ClaimResult> claim(PointClaim claim) {
        String problem = closed ? "the control component is stopping" : ClaimCheck.problem(site.get(), claim);
        long now = timers.now();
        if (problem == null && !claim.liveAt(now)) {
            problem = "the claim ended before it was placed (until " + claim.until() + ")";
        }
        if (problem != null) {
            claimsRefused.incrementAndGet();
            return CompletableFuture.completedFuture(ClaimResult.refused(claim,
                    effective(claim.deviceId(), claim.point()).orElse(null), problem));
        }
        claimsPlaced.incrementAndGet();
        PointState st = points.computeIfAbsent(new PointKey(claim.deviceId(), claim.point()),
                k -> new PointState(k.deviceId(), k.point()));
        st.put(claim);
        scheduleExpiry(st);
        return st.enqueue(executor, () -> arbitrate(st, false))
                .thenApply(o -> new ClaimResult(claim, o.winner(), o.write()));
    }

    @Override
    public void release(String deviceId, String point, ControlSource source, String owner) {
        PointState st = points.get(new PointKey(deviceId, point));
        if (st != null && st.remove(source, owner)) {
            rearbitrate(st);
        }
    }

    @Override
    public void releaseAll(ControlSource source, String owner) {
        for (PointState st : points.values()) {
            if (st.remove(source, owner)) {
                rearbitrate(st);
            }
        }
    }

    @Override
    public Optional<PointClaim> effective(String deviceId, String point) {
        PointState st = points.get(new PointKey(deviceId, point));
        return st == null ? Optional.empty() : Optional.ofNullable(st.winner(timers.now()));
    }

    @Override
    public List<PointClaim> claims(String deviceId) {
        long now = timers.now();
        List<PointClaim> all = new ArrayList<>();
        for (PointState st : points.values()) {
            if (st.deviceId.equals(deviceId)) {
                all.addAll(st.live(now));
            }
        }
        // highest source first; within a source, each point's own order (the winner first) is kept
        all.sort(Comparator.comparing(PointClaim::source).reversed());
        return List.copyOf(all);
    }

    /** Drift watch. Called on a poller thread: only compares and hands rewrites to the executor. */
    @Override
    public void accept(List<Sample> samples) {
        if (samples == null || points.isEmpty()) {
            return;
        }
        long now = timers.now();
        ArbiterSettings s = settings;
        for (Sample sample : samples) {
            if (sample == null || sample.quality() != Quality.GOOD || sample.value() == null) {
                continue;
            }
            PointState st = points.get(new PointKey(sample.deviceId(), sample.point()));
            if (st != null) {
                drift(st, sample.value(), now, s);
            }
        }
    }

    private void drift(PointState st, Object reported, long now, ArbiterSettings s) {
        switch (st.observe(reported, now, s)) {
            case REWRITE -> {
                driftRewrites.incrementAndGet();
                LOG.info("control: device {} reports {}={}, not the effective value; rewriting (rewrite {})",
                        st.deviceId, st.point, reported, st.rewrites());
                st.enqueue(executor, () -> arbitrate(st, true)).exceptionally(e -> null);
            }
            case GIVE_UP -> {
                driftGiveUps.incrementAndGet();
                PointClaim winner = st.winner(now);
                events.raised(st.deviceId, st.point, winner == null ? null : winner.value(), reported,
                        s.driftMaxRewrites(), now);
            }
            case HELD_AGAIN -> events.cleared(st.deviceId, st.point, reported, "holds its effective value again",
                    now);
            case NONE -> {
            }
        }
    }

    private void rearbitrate(PointState st) {
        scheduleExpiry(st);
        st.enqueue(executor, () -> arbitrate(st, false)).exceptionally(e -> {
            LOG.warn("control: arbitration of {}.{} failed: {}", st.deviceId, st.point, e.toString());
            return null;
        });
    }

    /** Writes the winner's value when it is not the one last written (always, when {@code force}). */
    private CompletionStage<Outcome> arbitrate(PointState st, boolean force) {
        long now = timers.now();
        PointClaim winner;
        synchronized (st) {
            if (closed) { // stopping: steps still queued end at once, nothing more is written
                PointClaim w = st.winner(now);
                return CompletableFuture.completedFuture(new Outcome(w, w == null ? null
                        : ClaimResult.refusedWrite(w, "the control component is stopping")));
            }
            st.dropExpired(now);
            winner = st.winner(now);
            if (winner == null) {
                if (st.forget()) {
                    events.cleared(st.deviceId, st.point, null, "is no longer claimed", now);
                }
                return CompletableFuture.completedFuture(new Outcome(null, null));
            }
            if (!force && st.holds(winner.value())) {
                return CompletableFuture.completedFuture(new Outcome(winner, null));
            }
            st.writeStarted();
        }
        writes.incrementAndGet();
        PointClaim w = winner;
        long timeout = settings.writeTimeoutMs();
        WriteResult timedOut = new WriteResult(w.deviceId(), w.point(), w.value(), null, false,
                "the driver did not answer within " + timeout + " ms");
        return router.write(w.deviceId(), w.point(), w.value()).toCompletableFuture()
                .completeOnTimeout(timedOut, timeout, TimeUnit.MILLISECONDS)
                .thenApplyAsync(result -> { // off the driver's bus thread: callers chain journal writes on this
                    if (st.writeFinished(w.value(), result.ok(), result.readBack(), force)) {
                        events.cleared(st.deviceId, st.point, w.value(), "was set to a new value", timers.now());
                    }
                    if (!result.ok()) {
                        writeFailures.incrementAndGet();
                        LOG.warn("control: writing {}.{}={} ({} {}) failed: {}", w.deviceId(), w.point(), w.value(),
                                w.source(), w.owner(), result.error());
                    }
                    return new Outcome(w, result);
                }, executor);
    }

    private void scheduleExpiry(PointState st) {
        if (closed) {
            return;
        }
        synchronized (st) {
            long next = st.nextExpiry();
            if (next == st.timerAt) {
                return;
            }
            if (st.timer != null) {
                st.timer.cancel();
            }
            st.timer = null;
            st.timerAt = next;
            if (next != Long.MAX_VALUE) {
                st.timer = timers.at(next, () -> expire(st));
            }
        }
    }

    private void expire(PointState st) {
        synchronized (st) {
            st.timer = null;
            st.timerAt = Long.MAX_VALUE;
            // dropped here, so the next timer is for the next claim's end, not this one again
            st.dropExpired(timers.now());
        }
        rearbitrate(st);
    }

    /** Figures for logs and the status reply. */
    public String counters() {
        return "claims=" + claimsPlaced + " refused=" + claimsRefused + " writes=" + writes + " writeFailures="
                + writeFailures + " driftRewrites=" + driftRewrites + " driftGiveUps=" + driftGiveUps;
    }
}
