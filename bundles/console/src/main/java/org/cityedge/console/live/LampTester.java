package org.cityedge.console.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * them when its claims end or are released. Nothing writes the device directly.
 */
public final class LampTester {

    public static final String OWNER = "console";
    /** Longest wait for one verified write. */
    static final long WRITE_WAIT_MS = 30_000;
    /** Blink claims outlive the blink by this much, so a test cut short still ends by itself. */
    static final long BLINK_CLAIM_MARGIN_MS = 30_000;

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
    private final Set<String> blinking = ConcurrentHashMap.newKeySet();

    public LampTester(LongSupplier clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Claims the dimming point at {@code level} for {@code seconds}; the arbiter ends the claim by itself. */
    public DimOutcome dim(PointControl control, String deviceId, String dimPoint, double level, long seconds) {
        PointClaim claim = new PointClaim(deviceId, dimPoint, level, ControlSource.OVERRIDE, OWNER,
                clock.getAsLong() + seconds * 1000);
        Step step = place(control, claim);
        return new DimOutcome(step.error == null, level, step.readBack, step.written, step.error);
    }

    /** True while a blink runs on the device. */
    public boolean blinking(String deviceId) {
        return blinking.contains(deviceId);
    }

    /**
     * Blinks {@code times}: full on, then off, each for half the period; then releases the console's claims, so
     * the schedule or the rules take the lamp back (without any claim it stays as the blink left it: off).
     *
     * @throws IllegalStateException when a blink already runs on this device
     */
    public BlinkOutcome blink(PointControl control, String deviceId, LampPoints points, int times, long periodMs) {
        if (!blinking.add(deviceId)) {
            throw new IllegalStateException("a blink is already running on " + deviceId);
        }
        long until = clock.getAsLong() + times * periodMs + BLINK_CLAIM_MARGIN_MS;
        int steps = 0;
        try {
            for (int i = 0; i < times; i++) {
                String error = apply(control, deviceId, onClaims(deviceId, points, until));
                if (error != null) {
                    return new BlinkOutcome(false, steps, error);
                }
                steps++;
                sleeper.sleep(periodMs / 2);
                error = apply(control, deviceId, offClaims(deviceId, points, until));
                if (error != null) {
                    return new BlinkOutcome(false, steps, error);
                }
                steps++;
                sleeper.sleep(periodMs - periodMs / 2);
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
            blinking.remove(deviceId);
        }
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

    /** Places the claims in order; the first failure's message, or null. */
    private static String apply(PointControl control, String deviceId, List<PointClaim> claims) {
        for (PointClaim c : claims) {
            Step s = place(control, c);
            if (s.error != null) {
                return s.error;
            }
        }
        return null;
    }

    private record Step(boolean written, Object readBack, String error) {
    }

    private static Step place(PointControl control, PointClaim claim) {
        ClaimResult result;
        try {
            result = control.claim(claim).toCompletableFuture().get(WRITE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Step(false, null, "interrupted");
        } catch (TimeoutException e) {
            return new Step(false, null, claim.point() + ": no verified write within " + WRITE_WAIT_MS / 1000
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
