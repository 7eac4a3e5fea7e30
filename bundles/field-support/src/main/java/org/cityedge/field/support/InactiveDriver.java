package org.cityedge.field.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;

/**
 * What a driver component answers while its engine is not running (between deactivation and the next start, or
 * when it could not start): no devices, and writes and reads refused with the reason, so callers need no null check.
 */
public final class InactiveDriver implements FieldDevices {

    private final String why;

    /** @param driver the driver's name for people, e.g. {@code Modbus} */
    public InactiveDriver(String driver) {
        this.why = driver + " driver not active";
    }

    @Override
    public Set<String> deviceIds() {
        return Set.of();
    }

    @Override
    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false, why));
    }

    @Override
    public CompletionStage<List<Sample>> readNow(String deviceId) {
        return CompletableFuture.failedFuture(new IllegalStateException(why));
    }

    @Override
    public List<DeviceHealth> health() {
        return List.of();
    }
}
