package org.cityedge.control.arbiter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.control.Timers;
import org.cityedge.control.Values;

/**
 * One device point under arbitration: its claims, what was last written to it, its drift watch, its expiry timer,
 * and the chain that runs its writes one after the other. Guarded by its own monitor.
 */
final class PointState {

    /** What an observed device value asks of the arbiter. */
    enum Drift { NONE, REWRITE, GIVE_UP, HELD_AGAIN }

    /** A claim and when it was placed: among claims of one source the latest wins. */
    private record Placed(PointClaim claim, long order) {
    }

    /** Highest source first, then the most recently placed. */
    private static final Comparator<Placed> PRIORITY = Comparator
            .comparing((Placed p) -> p.claim().source()).reversed()
            .thenComparing(Comparator.comparingLong(Placed::order).reversed());

    final String deviceId;
    final String point;
    private final Map<String, Placed> claims = new HashMap<>();
    private long placements;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    // the last successful write: the value asked for and what the device read back
    private boolean applied;
    private Object appliedValue;
    private Object appliedReadBack;
    private boolean writing;

    // drift watch
    private long driftSince;
    private int rewrites;
    private long nextRewriteAt;
    private boolean gaveUp;

    Timers.Cancellable timer;
    long timerAt = Long.MAX_VALUE;

    PointState(String deviceId, String point) {
        this.deviceId = deviceId;
        this.point = point;
    }

    private static String key(ControlSource source, String owner) {
        return source.name() + '\u0000' + owner;
    }

    synchronized void put(PointClaim claim) {
        claims.put(key(claim.source(), claim.owner()), new Placed(claim, ++placements));
    }

    synchronized boolean remove(ControlSource source, String owner) {
        return claims.remove(key(source, owner)) != null;
    }

    synchronized boolean hasClaims() {
        return !claims.isEmpty();
    }

    synchronized void dropExpired(long now) {
        claims.values().removeIf(p -> !p.claim().liveAt(now));
    }

    /** The live claim that drives the point, or null. */
    synchronized PointClaim winner(long now) {
        return claims.values().stream().filter(p -> p.claim().liveAt(now)).min(PRIORITY).map(Placed::claim)
                .orElse(null);
    }

    /** Live claims, highest priority first. */
    synchronized List<PointClaim> live(long now) {
        List<Placed> list = new ArrayList<>();
        for (Placed p : claims.values()) {
            if (p.claim().liveAt(now)) {
                list.add(p);
            }
        }
        list.sort(PRIORITY);
        return list.stream().map(Placed::claim).toList();
    }

    /** The earliest end of a claim, or {@link Long#MAX_VALUE}. */
    synchronized long nextExpiry() {
        return claims.values().stream().mapToLong(p -> p.claim().until()).min().orElse(Long.MAX_VALUE);
    }

    /** True when the last write succeeded with this value, so writing it again changes nothing. */
    synchronized boolean holds(Object value) {
        return applied && Values.same(appliedValue, value);
    }

    synchronized void writeStarted() {
        writing = true;
    }

    /** Records a finished write. Returns true when a given-up drift watch ended because a new value was set. */
    synchronized boolean writeFinished(Object value, boolean ok, Object readBack, boolean drift) {
        writing = false;
        applied = ok;
        appliedValue = ok ? value : null;
        appliedReadBack = ok ? readBack : null;
        driftSince = 0;
        if (!drift) {
            rewrites = 0;
            nextRewriteAt = 0;
            boolean ended = gaveUp;
            gaveUp = false;
            return ended;
        }
        return false;
    }

    /** No claim is left: the device keeps whatever it has. Returns true when a given-up drift watch ended. */
    synchronized boolean forget() {
        applied = false;
        appliedValue = null;
        appliedReadBack = null;
        driftSince = 0;
        rewrites = 0;
        boolean ended = gaveUp;
        gaveUp = false;
        return ended;
    }

    synchronized int rewrites() {
        return rewrites;
    }

    /** A good value reported by the device: does it need setting right? */
    synchronized Drift observe(Object reported, long now, ArbiterSettings settings) {
        PointClaim winner = winner(now);
        if (winner == null || writing) {
            return Drift.NONE;
        }
        boolean held = Values.same(reported, winner.value())
                || (applied && Values.same(appliedValue, winner.value()) && Values.same(reported, appliedReadBack));
        if (held) {
            driftSince = 0;
            rewrites = 0;
            nextRewriteAt = 0;
            if (gaveUp) {
                gaveUp = false;
                return Drift.HELD_AGAIN;
            }
            return Drift.NONE;
        }
        if (driftSince == 0) {
            driftSince = now;
            return Drift.NONE;
        }
        if (gaveUp || now - driftSince < settings.driftGraceMs() || now < nextRewriteAt) {
            return Drift.NONE;
        }
        if (rewrites >= settings.driftMaxRewrites()) {
            gaveUp = true;
            return Drift.GIVE_UP;
        }
        rewrites++;
        nextRewriteAt = now + settings.backoffAfter(rewrites);
        driftSince = 0;
        return Drift.REWRITE;
    }

    /**
     * Runs {@code step} after every step enqueued before it has finished, on {@code executor}: writes of one point
     * never overlap. The returned future completes with the step's outcome.
     */
    <T> CompletableFuture<T> enqueue(Executor executor, Supplier<? extends CompletionStage<T>> step) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = tail;
            tail = mine.handle((r, e) -> null);
        }
        previous.whenCompleteAsync((r, e) -> {
            try {
                step.get().whenComplete((v, failure) -> {
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(v);
                    }
                });
            } catch (RuntimeException failure) {
                mine.completeExceptionally(failure);
            }
        }, executor);
        return mine;
    }
}
