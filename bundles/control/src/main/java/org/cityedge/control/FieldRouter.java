package org.cityedge.control;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;

/**
 * Several drivers (Modbus, CoAP, cabinet I/O) each register a {@link FieldDevices}; a device is served by the one
 * whose {@link FieldDevices#deviceIds()} holds it. Drivers come and go, so the list is asked for on every call.
 */
public final class FieldRouter {

    private final Supplier<? extends Collection<FieldDevices>> drivers;

    public FieldRouter(Supplier<? extends Collection<FieldDevices>> drivers) {
        this.drivers = drivers;
    }

    /** The driver serving the device, if any runs now. */
    public Optional<FieldDevices> driverOf(String deviceId) {
        for (FieldDevices d : drivers.get()) {
            if (d.deviceIds().contains(deviceId)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** A verified write, or a failed result when no driver serves the device. Never completes exceptionally. */
    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        Optional<FieldDevices> driver = driverOf(deviceId);
        if (driver.isEmpty()) {
            return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false,
                    noDriver(deviceId)));
        }
        try {
            return driver.get().write(deviceId, point, value).exceptionally(e -> new WriteResult(deviceId, point,
                    value, null, false, "the driver failed: " + Values.rootMessage(e)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false,
                    "the driver failed: " + e));
        }
    }

    /** Reads a device now; fails with {@link IllegalStateException} when no driver serves it. */
    public CompletionStage<List<Sample>> readNow(String deviceId) {
        Optional<FieldDevices> driver = driverOf(deviceId);
        if (driver.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(noDriver(deviceId)));
        }
        try {
            return driver.get().readNow(deviceId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Health of every device of every driver. */
    public List<DeviceHealth> health() {
        return drivers.get().stream().flatMap(d -> {
            try {
                return d.health().stream();
            } catch (RuntimeException e) {
                return java.util.stream.Stream.empty(); // a failing driver must not hide the others
            }
        }).toList();
    }

    public static String noDriver(String deviceId) {
        return "no field driver serves device " + deviceId + " now (driver stopped, or the device is not polled)";
    }
}
