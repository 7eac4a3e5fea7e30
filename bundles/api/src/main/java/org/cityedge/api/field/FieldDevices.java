package org.cityedge.api.field;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.model.Sample;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A field driver's devices, as seen by the stages that act on them (commands, rules, console). Each driver
 * (Modbus, CoAP, cabinet I/O) registers one; callers pick the one whose {@link #deviceIds()} holds the device.
 */
@ProviderType
public interface FieldDevices {

    /** Ids of the devices this driver serves. */
    Set<String> deviceIds();

    /**
     * Writes a canonical point and reads it back. The write is queued on the device's bus like any poll, so it
     * never collides with a transaction in flight. Completes exceptionally only for programming errors; device
     * failures are reported in the result.
     */
    CompletionStage<WriteResult> write(String deviceId, String point, Object value);

    /** Reads every point of a device now, outside its schedule. */
    CompletionStage<List<Sample>> readNow(String deviceId);

    /** Health of every device of this driver. */
    List<DeviceHealth> health();
}
