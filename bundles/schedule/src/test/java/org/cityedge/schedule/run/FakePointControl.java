package org.cityedge.schedule.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;

/**
 * The arbiter at the unit seam: records every claim and release, holds the claims (one per device, point, source
 * and owner, as the contract says) and reports the live ones; can be told to fail the next claims.
 */
final class FakePointControl implements PointControl {

    record Release(String deviceId, String point, ControlSource source, String owner) {
    }

    /** A claim and the time (of the test's clock) it was placed at. */
    record Placed(PointClaim claim, long at) {
    }

    final List<PointClaim> placed = new CopyOnWriteArrayList<>();
    final List<Placed> placedAt = new CopyOnWriteArrayList<>();
    final List<Release> released = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    /** Claims to turn away as the arbiter does before it has its site: completed normally, not kept. */
    final AtomicInteger refuseNext = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final List<PointClaim> held = new CopyOnWriteArrayList<>();
    private final LongSupplier now;

    FakePointControl(LongSupplier now) {
        this.now = now;
    }

    @Override
    public CompletionStage<ClaimResult> claim(PointClaim claim) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("arbiter down"));
        }
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            return CompletableFuture.completedFuture(new ClaimResult(claim, null, new WriteResult(claim.deviceId(),
                    claim.point(), claim.value(), null, false, "claim refused: the site is not loaded yet")));
        }
        placed.add(claim);
        placedAt.add(new Placed(claim, now.getAsLong()));
        held.removeIf(c -> sameSlot(c, claim.deviceId(), claim.point(), claim.source(), claim.owner()));
        held.add(claim);
        PointClaim winner = effective(claim.deviceId(), claim.point()).orElse(claim);
        return CompletableFuture.completedFuture(new ClaimResult(claim, winner, null));
    }

    @Override
    public void release(String deviceId, String point, ControlSource source, String owner) {
        released.add(new Release(deviceId, point, source, owner));
        held.removeIf(c -> sameSlot(c, deviceId, point, source, owner));
    }

    @Override
    public void releaseAll(ControlSource source, String owner) {
        held.removeIf(c -> c.source() == source && c.owner().equals(owner));
    }

    @Override
    public Optional<PointClaim> effective(String deviceId, String point) {
        return claims(deviceId).stream().filter(c -> c.point().equals(point)).findFirst();
    }

    @Override
    public List<PointClaim> claims(String deviceId) {
        long t = now.getAsLong();
        List<PointClaim> live = new ArrayList<>(held.stream()
                .filter(c -> c.deviceId().equals(deviceId) && c.liveAt(t)).toList());
        live.sort(Comparator.comparing(PointClaim::source).reversed());
        return live;
    }

    /** Puts a claim of another source in place, as an override or a rule would. */
    void hold(PointClaim claim) {
        held.add(claim);
    }

    /** Claims placed for one device point, in order. */
    List<PointClaim> placed(String deviceId, String point) {
        return placed.stream().filter(c -> c.deviceId().equals(deviceId) && c.point().equals(point)).toList();
    }

    private static boolean sameSlot(PointClaim c, String deviceId, String point, ControlSource source,
            String owner) {
        return c.deviceId().equals(deviceId) && c.point().equals(point) && c.source() == source
                && c.owner().equals(owner);
    }
}
