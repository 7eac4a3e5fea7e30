package org.cityedge.api.site;

import java.util.Objects;

/**
 * One field device.
 *
 * @param id       stable device id, used in topics and commands
 * @param name     name for people, e.g. "Lamp 12, Tran Hung Dao"
 * @param bus      id of the bus it sits on
 * @param unitId   Modbus unit (slave) id, 1-247; 0 on a bus that is not Modbus
 * @param profile  id of its device profile
 * @param location where it stands, or null
 * @param group    lighting circuit, cabinet or street it belongs to, or null
 * @param address  on a CoAP bus: the device's URI ({@code coaps://host:port} or {@code coap://host:port}) when the
 *                 gateway reads it, null when the device pushes its readings to the gateway; null elsewhere
 */
public record DeviceDefinition(String id, String name, String bus, int unitId, String profile, GeoPoint location,
        String group, String address) {

    public DeviceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(profile, "profile");
        name = name == null ? id : name;
    }

    /** A device without an address (the constructor of {@code cityedge.api.site} 1.0). */
    public DeviceDefinition(String id, String name, String bus, int unitId, String profile, GeoPoint location,
            String group) {
        this(id, name, bus, unitId, profile, location, group, null);
    }
}
