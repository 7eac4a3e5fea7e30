package org.cityedge.field.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;

/**
 * The {@link FieldDevices} face of a driver component: every call goes to the engine that runs now, or to an
 * {@link InactiveDriver} while none does, so the component registers one service across restarts of its engine.
 */
public abstract class DriverFacade implements FieldDevices {

    private final FieldDevices inactive;

    /** @param driver the driver's name for people, e.g. {@code Modbus} */
    protected DriverFacade(String driver) {
        this.inactive = new InactiveDriver(driver);
    }

    /** The engine that runs now, or null. */
    protected abstract FieldDevices activeEngine();

    private FieldDevices running() {
        FieldDevices e = activeEngine();
        return e != null ? e : inactive;
    }

    @Override
    public Set<String> deviceIds() {
        return running().deviceIds();
    }

    @Override
    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        return running().write(deviceId, point, value);
    }

    @Override
    public CompletionStage<List<Sample>> readNow(String deviceId) {
        return running().readNow(deviceId);
    }

    @Override
    public List<DeviceHealth> health() {
        return running().health();
    }
}
