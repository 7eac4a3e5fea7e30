package org.cityedge.simulator;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.RegisterTable;

/** Profiles built by hand, so core tests do not depend on the profile files. */
public final class TestProfiles {

    private TestProfiles() {
    }

    public static PointDefinition point(String name, RegisterTable table, int address, DataType type, double scale,
            Access access, Double min, Double max) {
        return new PointDefinition(name, table, address, type, Endian.BIG, Endian.BIG, scale, 0, "", access, min, max,
                PollClass.NORMAL, null, null);
    }

    /** A single-lamp controller laid out like the SLC-110, with a forbidden block at input 40-41. */
    public static DeviceProfile lamp() {
        return new DeviceProfile("test-lamp", "Test Lighting", "TL-1", DeviceKind.STREETLIGHT_CONTROLLER,
                "Streetlight", new DeviceLimits(32, 16, List.of(new AddressRange(RegisterTable.INPUT, 40, 41)), 500, 0),
                List.of(point("dimLevel", RegisterTable.HOLDING, 0, DataType.UINT16, 1, Access.READ_WRITE, 0.0, 100.0),
                        point("powerState", RegisterTable.COIL, 0, DataType.BOOL, 1, Access.READ_WRITE, null, null),
                        point("voltage", RegisterTable.INPUT, 10, DataType.UINT16, 0.1, Access.READ, 0.0, 300.0),
                        point("activePower", RegisterTable.INPUT, 12, DataType.UINT16, 0.1, Access.READ, 0.0, 1000.0),
                        point("activeEnergy", RegisterTable.INPUT, 20, DataType.UINT32, 0.001, Access.READ, null,
                                null),
                        point("switchCount", RegisterTable.INPUT, 24, DataType.UINT32, 1, Access.READ, null, null),
                        new PointDefinition("faultFlags", RegisterTable.INPUT, 30, DataType.BITFIELD, null, null, 1, 0,
                                "", Access.READ, null, null, PollClass.FAST, Map.of(0, "lampFailure", 1,
                                        "gearFailure"), null),
                        point("mysteryValue", RegisterTable.INPUT, 41, DataType.INT16, 1, Access.READ, 10.0, 30.0)),
                List.of(), new Identification("Test Lighting", "TL-1",
                        List.of(new Identification.Signature(RegisterTable.INPUT, 0, 0x1234))),
                "test");
    }

    /** A water-level gauge with rain, and no device identification (signature only). */
    public static DeviceProfile gauge() {
        return new DeviceProfile("test-gauge", "Test Hydro", "TG-2", DeviceKind.WATER_LEVEL, "FloodMonitoring",
                DeviceLimits.DEFAULT,
                List.of(point("currentLevel", RegisterTable.INPUT, 10, DataType.INT32, 0.001, Access.READ, -10.0,
                                20.0),
                        point("rainRate", RegisterTable.INPUT, 20, DataType.UINT16, 0.1, Access.READ, 0.0, 500.0),
                        point("precipitation", RegisterTable.INPUT, 21, DataType.UINT32, 0.1, Access.READ, null, null),
                        point("precipitationReset", RegisterTable.COIL, 0, DataType.BOOL, 1, Access.READ_WRITE, null,
                                null)),
                List.of(), new Identification(null, null,
                        List.of(new Identification.Signature(RegisterTable.INPUT, 0, 0x0572))),
                "test");
    }
}
