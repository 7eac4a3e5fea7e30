package org.cityedge.rules.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;

/** An arbiter that keeps the live claims and records every call; writes always succeed. */
public final class FakePointControl implements PointControl {

    private record Key(String deviceId, String point, ControlSource source, String owner) {
    }

    private final Map<Key, PointClaim> live = new ConcurrentHashMap<>();
    public final List<PointClaim> claimed = new ArrayList<>();
    public final List<String> released = new ArrayList<>();

    @Override
    public synchronized CompletionStage<ClaimResult> claim(PointClaim claim) {
        claimed.add(claim);
        live.put(new Key(claim.deviceId(), claim.point(), claim.source(), claim.owner()), claim);
        WriteResult write = new WriteResult(claim.deviceId(), claim.point(), claim.value(), claim.value(), true, null);
        return CompletableFuture.completedFuture(new ClaimResult(claim, claim, write));
    }

    @Override
    public synchronized void release(String deviceId, String point, ControlSource source, String owner) {
        released.add(deviceId + "." + point + "/" + owner);
        live.remove(new Key(deviceId, point, source, owner));
    }

    @Override
    public synchronized void releaseAll(ControlSource source, String owner) {
        live.keySet().removeIf(k -> k.source() == source && k.owner().equals(owner));
    }

    @Override
    public Optional<PointClaim> effective(String deviceId, String point) {
        return live.values().stream().filter(c -> c.deviceId().equals(deviceId) && c.point().equals(point))
                .max(Comparator.comparing(PointClaim::source));
    }

    @Override
    public List<PointClaim> claims(String deviceId) {
        return live.values().stream().filter(c -> c.deviceId().equals(deviceId))
                .sorted(Comparator.comparing(PointClaim::source).reversed()).toList();
    }

    /** The value the rules drive on a point now, or null. */
    public Object value(String deviceId, String point) {
        return effective(deviceId, point).map(PointClaim::value).orElse(null);
    }
}
