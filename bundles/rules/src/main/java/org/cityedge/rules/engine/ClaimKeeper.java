package org.cityedge.rules.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims the rules want placed, kept so they can be placed again when the point arbiter (re)appears: a rule that
 * fired while the control bundle was restarting still drives its lamps once it is back. A claim the arbiter refused
 * (it did not store it, e.g. its site was not loaded yet) is sent again from the engine's tick, each point with its
 * own growing delay, so a refusal at power-up does not leave lamps undriven until the rule next changes its value.
 * Engine thread only, except for the completion of a claim.
 */
final class ClaimKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimKeeper.class);

    record Key(String deviceId, String point, String owner) {
    }

    static final long FIRST_RETRY_MS = 5_000;
    static final long MAX_RETRY_MS = 300_000;
    static final int MAX_RETRIES_PER_TICK = 200;

    private final Map<Key, PointClaim> wanted = new LinkedHashMap<>();
    /** Refused by the arbiter, not yet scheduled again; filled by completions on any thread. */
    private final Set<Key> refused = ConcurrentHashMap.newKeySet();
    /** The delay before the next retry of each refused point; reset when a claim on it succeeds. */
    private final Map<Key, Long> retryDelay = new ConcurrentHashMap<>();
    /** When each refused claim is sent again; engine thread. */
    private final Map<Key, Long> retryAt = new HashMap<>();
    private final EngineStats stats;
    private final LogLimiter limiter;
    private PointControl control;

    ClaimKeeper(EngineStats stats, LogLimiter limiter) {
        this.stats = stats;
        this.limiter = limiter;
    }

    void claim(String deviceId, String point, Object value, String owner) {
        PointClaim claim = new PointClaim(deviceId, point, value, ControlSource.RULE, owner, Long.MAX_VALUE);
        Key key = new Key(deviceId, point, owner);
        if (claim.equals(wanted.put(key, claim))) {
            return;   // refused ones are sent again from the tick
        }
        retryAt.remove(key);
        send(claim);
    }

    void release(String deviceId, String point, String owner) {
        Key key = new Key(deviceId, point, owner);
        retryAt.remove(key);
        retryDelay.remove(key);
        if (wanted.remove(key) != null && control != null) {
            try {
                control.release(deviceId, point, ControlSource.RULE, owner);
            } catch (RuntimeException e) {
                LOG.warn("rules: releasing {}.{} of rule {} failed: {}", deviceId, point, owner, e.toString());
            }
        }
    }

    /** Releases the claims of one owner on one point, of the devices that pass the filter. */
    void release(String owner, String point, java.util.function.Predicate<String> device) {
        for (Key key : List.copyOf(wanted.keySet())) {
            if (key.owner().equals(owner) && key.point().equals(point) && device.test(key.deviceId())) {
                release(key.deviceId(), point, owner);
            }
        }
    }

    /** Withdraws every claim of the rules (the engine stops). */
    void releaseAll() {
        for (Key key : List.copyOf(wanted.keySet())) {
            release(key.deviceId(), key.point(), key.owner());
        }
    }

    /** The arbiter appeared (or went): every wanted claim is placed again. */
    void control(PointControl next) {
        control = next;
        if (next != null) {
            retryAt.clear();
            List.copyOf(wanted.values()).forEach(this::send);
        }
    }

    /** Sends refused claims that are due again, at most {@link #MAX_RETRIES_PER_TICK}. Engine thread. */
    void retryRefused(long now) {
        for (Iterator<Key> it = refused.iterator(); it.hasNext(); ) {
            Key key = it.next();
            it.remove();
            if (wanted.containsKey(key)) {
                long delay = retryDelay.merge(key, FIRST_RETRY_MS, (d, first) -> Math.min(d * 2, MAX_RETRY_MS));
                retryAt.put(key, now + delay);
            }
        }
        if (control == null || retryAt.isEmpty()) {
            return;   // without an arbiter, control(next) places them all
        }
        int sent = 0;
        for (Iterator<Map.Entry<Key, Long>> it = retryAt.entrySet().iterator(); it.hasNext()
                && sent < MAX_RETRIES_PER_TICK; ) {
            Map.Entry<Key, Long> due = it.next();
            if (due.getValue() <= now) {
                it.remove();
                PointClaim claim = wanted.get(due.getKey());
                if (claim != null) {
                    send(claim);
                    sent++;
                }
            }
        }
    }

    /** The claims wanted now, for the status and tests. */
    List<PointClaim> wanted() {
        return List.copyOf(wanted.values());
    }

    private void send(PointClaim claim) {
        PointControl c = control;
        if (c == null) {
            return;   // placed when the arbiter appears
        }
        try {
            c.claim(claim).whenComplete((result, error) -> completed(claim, result, error));
        } catch (RuntimeException e) {
            completed(claim, null, e);
        }
    }

    private void completed(PointClaim claim, ClaimResult result, Throwable error) {
        Key key = new Key(claim.deviceId(), claim.point(), claim.owner());
        if (error == null && (result == null || result.ok())) {
            retryDelay.remove(key);
            return;
        }
        stats.claimFailures.incrementAndGet();
        String why = error != null ? error.toString() : result.write().error();
        // A refused claim (or a call that threw) left nothing at the arbiter for its drift watch to repair: retry.
        // A failed write did store the claim; the arbiter rewrites it itself.
        if (error != null || result.refused()) {
            refused.add(key);
        }
        if (limiter.allow("claim:" + claim.owner() + ":" + claim.deviceId(), System.currentTimeMillis())) {
            LOG.warn("rules: rule {} could not set {}.{} to {}: {}", claim.owner(), claim.deviceId(), claim.point(),
                    claim.value(), why);
        }
    }
}
