package org.cityedge.console;

import java.util.List;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.CommandDefinition;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;

/** Profiles shaped like device-profiles/saigon-slc-110.yaml, for tests. */
public final class TestProfiles {

    private TestProfiles() {
    }

    public static PointDefinition point(String name, RegisterTable table, DataType type, Access access) {
        return new PointDefinition(name, table, 0, type, null, null, 1, 0, "", access, null, null, null, null, null);
    }

    /** A lamp controller: dimLevel (the dim command's point), powerState, voltage, activePower. */
    public static DeviceProfile lamp() {
        return new DeviceProfile("saigon-slc-110", "Saigon Lighting Controls", "SLC-110",
                DeviceKind.STREETLIGHT_CONTROLLER, "Streetlight", null,
                List.of(point("dimLevel", RegisterTable.HOLDING, DataType.UINT16, Access.READ_WRITE),
                        point("powerState", RegisterTable.COIL, DataType.BOOL, Access.READ_WRITE),
                        point("voltage", RegisterTable.INPUT, DataType.UINT16, Access.READ),
                        point("activePower", RegisterTable.INPUT, DataType.UINT16, Access.READ)),
                List.of(new CommandDefinition("dim", "dim", List.of(new CommandDefinition.Write("dimLevel", "level",
                        null)))),
                null, "test");
    }
}
