package org.cityedge.api.site;

import java.util.List;
import java.util.Optional;

/**
 * A gateway's site: its identity, buses and devices. Loaded from one YAML file.
 *
 * @param site      site (district) segment of the topic tree, e.g. {@code dong-xoai}
 * @param gatewayId this gateway's id, unique in the city
 * @param location  where the gateway stands (astronomical clock), or null
 * @param timezone  IANA time zone, e.g. {@code Asia/Ho_Chi_Minh}
 * @param buses     field buses
 * @param devices   field devices
 */
public record Site(String site, String gatewayId, GeoPoint location, String timezone, List<BusDefinition> buses,
        List<DeviceDefinition> devices) {

    /** A site with nothing on it, used until a valid site file is loaded. */
    public static final Site EMPTY = new Site("unprovisioned", "unprovisioned", null, "UTC", List.of(), List.of());

    public Site {
        buses = List.copyOf(buses);
        devices = List.copyOf(devices);
        timezone = timezone == null ? "UTC" : timezone;
    }

    public Optional<BusDefinition> bus(String id) {
        return buses.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<DeviceDefinition> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
