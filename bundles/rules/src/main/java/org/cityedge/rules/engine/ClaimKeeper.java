package org.cityedge.rules.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims the rules want placed, kept so they can be placed again when the point arbiter (re)appears: a rule that
 * fired while the control bundle was restarting still drives its lamps once it is back. Engine thread only, except
 * for the completion of a claim.
 */
final class ClaimKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimKeeper.class);

    record Key(String deviceId, String point, String owner) {
    }

    private final Map<Key, PointClaim> wanted = new LinkedHashMap<>();
    private final EngineStats stats;
    private final LogLimiter limiter;
    private PointControl control;

    ClaimKeeper(EngineStats stats, LogLimiter limiter) {
        this.stats = stats;
        this.limiter = limiter;
    }

    void claim(String deviceId, String point, Object value, String owner) {
        PointClaim claim = new PointClaim(deviceId, point, value, ControlSource.RULE, owner, Long.MAX_VALUE);
        if (claim.equals(wanted.put(new Key(deviceId, point, owner), claim))) {
            return;
        }
        send(claim);
    }

    void release(String deviceId, String point, String owner) {
        if (wanted.remove(new Key(deviceId, point, owner)) != null && control != null) {
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
            List.copyOf(wanted.values()).forEach(this::send);
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
        if (error == null && (result == null || result.ok())) {
            return;
        }
        stats.claimFailures.incrementAndGet();
        String why = error != null ? error.toString() : result.write().error();
        if (limiter.allow("claim:" + claim.owner() + ":" + claim.deviceId(), System.currentTimeMillis())) {
            LOG.warn("rules: rule {} could not set {}.{} to {}: {}", claim.owner(), claim.deviceId(), claim.point(),
                    claim.value(), why);
        }
    }
}
