package org.cityedge.api.site;

import java.util.Objects;

/**
 * One field device.
 *
 * @param id       stable device id, used in topics and commands
 * @param name     name for people, e.g. "Lamp 12, Tran Hung Dao"
 * @param bus      id of the bus it sits on
 * @param unitId   Modbus unit (slave) id, 1-247
 * @param profile  id of its device profile
 * @param location where it stands, or null
 * @param group    lighting circuit, cabinet or street it belongs to, or null
 */
public record DeviceDefinition(String id, String name, String bus, int unitId, String profile, GeoPoint location,
        String group) {

    public DeviceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(profile, "profile");
        name = name == null ? id : name;
    }
}
