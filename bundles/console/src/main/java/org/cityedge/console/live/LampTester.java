package org.cityedge.console.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.profile.CommandDefinition;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;

/**
 * A technician's lamp test: dim, or blink full on / off. Both go through the point arbiter as OVERRIDE claims owned
 * by {@value #OWNER}, so the test outranks the schedule and the rules while it lasts and hands the lamp back to
 * them when its claims end or are released. Nothing writes the device directly. A blink ends by releasing the
 * console's claims on the lamp, so no dim is placed on a lamp while it blinks (nor a blink started while a dim is
 * being placed): the blink would release it.
 */
public final class LampTester {

    public static final String OWNER = "console";
    /** Longest wait for one verified write. */
    static final long WRITE_WAIT_MS = 30_000;
    /**
     * Blink claims outlive the blink by this much, so a test cut short still ends by itself; it is also all the
     * time slow writes may add: a blink answers within times x periodMs + this (http-api.md), since placing claims
     * past their own end is pointless.
     */
    public static final long BLINK_CLAIM_MARGIN_MS = 30_000;

    /** Pauses between blink steps; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /**
     * The points a lamp test drives.
     *
     * @param dim   the dimming point (from the profile's {@code dim} command, else a point named dimLevel), or null
     * @param power the on/off point ({@code powerState}), or null
     */
    public record LampPoints(String dim, String power) {

        public boolean none() {
            return dim == null && power == null;
        }

        /** What the profile offers for a lamp test. */
        public static LampPoints of(DeviceProfile profile) {
            String dim = profile.command("dim").flatMap(LampPoints::levelPoint)
                    .or(() -> writable(profile, "dimLevel")).orElse(null);
            String power = writable(profile, "powerState").orElse(null);
            return new LampPoints(dim, power);
        }

        private static Optional<String> levelPoint(CommandDefinition dim) {
            return dim.writes().stream().filter(w -> w.param() != null).map(CommandDefinition.Write::point)
                    .findFirst();
        }

        private static Optional<String> writable(DeviceProfile profile, String name) {
            return profile.point(name).filter(PointDefinition::writable).map(p -> name);
        }
    }

    /** The outcome of a dim: the read-back is null when nothing had to be written or the read-back failed. */
    public record DimOutcome(boolean ok, double value, Object readBack, boolean written, String error) {
    }

    /** The outcome of a blink: the on/off steps done. */
    public record BlinkOutcome(boolean ok, int steps, String error) {
    }

    private final LongSupplier clock;
    private final Sleeper sleeper;
    // guarded by this: devices blinking, and dims being placed per device
    private final Set<String> blinking = new HashSet<>();
    private final Map<String, Integer> dimming = new HashMap<>();

    public LampTester(LongSupplier clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Claims the dimming point at {@code level} for {@code seconds}; the arbiter ends the claim by itself.
     *
     * @throws IllegalStateException when a blink runs on this device (its end would release the dim)
     */
    public DimOutcome dim(PointControl control, String deviceId, String dimPoint, double level, long seconds) {
        synchronized (this) {
            if (blinking.contains(deviceId)) {
                throw new IllegalStateException("a blink is running on " + deviceId + ": dim once it has ended (it"
                        + " releases the console's claims when it ends)");
            }
            dimming.merge(deviceId, 1, Integer::sum);
        }
        try {
            PointClaim claim = new PointClaim(deviceId, dimPoint, level, ControlSource.OVERRIDE, OWNER,
                    clock.getAsLong() + seconds * 1000);
            Step step = place(control, claim, WRITE_WAIT_MS);
            return new DimOutcome(step.error == null, level, step.readBack, step.written, step.error);
        } finally {
            synchronized (this) {
                dimming.computeIfPresent(deviceId, (id, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** True while a blink runs on the device. */
    public synchronized boolean blinking(String deviceId) {
        return blinking.contains(deviceId);
    }

    /**
     * Blinks {@code times}: full on, then off, each for half the period; then releases the console's claims, so
     * the schedule or the rules take the lamp back (without any claim it stays as the blink left it: off). It ends
     * when its claims do at the latest ({@code times x periodMs +} {@value #BLINK_CLAIM_MARGIN_MS} ms from now),
     * however slowly the writes are verified.
     *
     * @throws IllegalStateException when a blink already runs on this device, or a dim is being placed on it
     */
    public BlinkOutcome blink(PointControl control, String deviceId, LampPoints points, int times, long periodMs) {
        synchronized (this) {
            if (blinking.contains(deviceId)) {
                throw new IllegalStateException("a blink is already running on " + deviceId);
            }
            if (dimming.containsKey(deviceId)) {
                throw new IllegalStateException("a dim is being placed on " + deviceId + ": blink once it is done");
            }
            blinking.add(deviceId);
        }
        long until = clock.getAsLong() + times * periodMs + BLINK_CLAIM_MARGIN_MS;
        int steps = 0;
        try {
            for (int i = 0; i < times; i++) {
                String error = apply(control, deviceId, onClaims(deviceId, points, until), until);
                if (error != null) {
                    return new BlinkOutcome(false, steps, error);
                }
                steps++;
                pause(periodMs / 2, until);
                error = apply(control, deviceId, offClaims(deviceId, points, until), until);
                if (error != null) {
                    return new BlinkOutcome(false, steps, error);
                }
                steps++;
                pause(periodMs - periodMs / 2, until);
            }
            return new BlinkOutcome(true, steps, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BlinkOutcome(false, steps, "interrupted");
        } finally {
            if (points.dim() != null) {
                control.release(deviceId, points.dim(), ControlSource.OVERRIDE, OWNER);
            }
            if (points.power() != null) {
                control.release(deviceId, points.power(), ControlSource.OVERRIDE, OWNER);
            }
            synchronized (this) {
                blinking.remove(deviceId);
            }
        }
    }

    /** Half a period, but never past the blink's end. */
    private void pause(long ms, long until) throws InterruptedException {
        sleeper.sleep(Math.max(0, Math.min(ms, until - clock.getAsLong())));
    }

    private static List<PointClaim> onClaims(String deviceId, LampPoints points, long until) {
        List<PointClaim> claims = new ArrayList<>();
        if (points.dim() != null) {
            claims.add(new PointClaim(deviceId, points.dim(), 100.0, ControlSource.OVERRIDE, OWNER, until));
        }
        if (points.power() != null) {
            claims.add(new PointClaim(deviceId, points.power(), true, ControlSource.OVERRIDE, OWNER, until));
        }
        return claims;
    }

    private static List<PointClaim> offClaims(String deviceId, LampPoints points, long until) {
        PointClaim off = points.power() != null
                ? new PointClaim(deviceId, points.power(), false, ControlSource.OVERRIDE, OWNER, until)
                : new PointClaim(deviceId, points.dim(), 0.0, ControlSource.OVERRIDE, OWNER, until);
        return List.of(off);
    }

    /** Places the claims in order, each waited for until the blink's end at most; the first failure, or null. */
    private String apply(PointControl control, String deviceId, List<PointClaim> claims, long until) {
        for (PointClaim c : claims) {
            long left = until - clock.getAsLong();
            if (left <= 0) {
                return "the blink ran out of time: its claims have ended (the writes to " + deviceId
                        + " are verified too slowly)";
            }
            Step s = place(control, c, Math.min(WRITE_WAIT_MS, left));
            if (s.error != null) {
                return s.error;
            }
        }
        return null;
    }

    private record Step(boolean written, Object readBack, String error) {
    }

    private static Step place(PointControl control, PointClaim claim, long waitMs) {
        ClaimResult result;
        try {
            result = control.claim(claim).toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Step(false, null, "interrupted");
        } catch (TimeoutException e) {
            return new Step(false, null, claim.point() + ": no verified write within " + (waitMs + 999) / 1000
                    + " s (the claim stays placed; the arbiter keeps trying)");
        } catch (ExecutionException e) {
            return new Step(false, null, claim.point() + ": " + ScanJob.rootMessage(e));
        }
        WriteResult write = result.write();
        if (result.refused()) {
            return new Step(false, null, write.error());
        }
        if (!result.effective()) {
            PointClaim w = result.winner();
            return new Step(false, null, claim.point() + " is driven by " + (w == null ? "another claim"
                    : w.source() + " claim of " + w.owner()));
        }
        if (write == null) {
            return new Step(false, null, null);
        }
        return new Step(true, write.readBack(), write.ok() ? null
                : (write.error() == null ? claim.point() + ": the read-back differs" : write.error()));
    }
}
