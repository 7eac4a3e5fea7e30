package org.cityedge.site.load;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a parsed site file into a {@link Site}. A bus or device with a problem is left out and the rest loads; a
 * problem with the site's own identity (or an unknown top-level field, likely a misspelt {@code devices}) makes
 * the whole file unusable, because running under a wrong identity or without the devices is worse than keeping
 * the previous site.
 */
final class SiteReader {

    private static final FieldPath BUSES = FieldPath.ROOT.field("buses");
    private static final FieldPath DEVICES = FieldPath.ROOT.field("devices");

    private final ParsedFile file;
    private final Problems problems;
    private final Set<Integer> badBuses = new HashSet<>();
    private final Set<Integer> badDevices = new HashSet<>();
    private boolean fatal;

    private SiteReader(ParsedFile file) {
        this.file = file;
        this.problems = new Problems(file.name(), file.tree());
    }

    static LoadResult read(ParsedFile file, Map<String, DeviceProfile> profiles) {
        if (!file.readable()) {
            return new LoadResult(null, profiles, file.problems());
        }
        SiteReader reader = new SiteReader(file);
        file.failures().forEach(reader::classify);
        Site site = reader.fatal ? null : reader.site(file.tree().root(), profiles);
        List<ConfigProblem> all = new ArrayList<>(file.problems());
        all.addAll(reader.problems.list());
        return new LoadResult(site, profiles, all);
    }

    /** Decides which part of the file a schema failure spoils. */
    private void classify(SchemaCheck.Failure failure) {
        FieldPath path = failure.path();
        if (path.size() >= 2 && path.prefix(1).equals(BUSES) && path.element(1) instanceof Integer j) {
            badBuses.add(j);
        } else if (path.size() >= 2 && path.prefix(1).equals(DEVICES) && path.element(1) instanceof Integer i) {
            badDevices.add(i);
        } else {
            fatal = true;
        }
    }

    private Site site(JsonNode root, Map<String, DeviceProfile> profiles) {
        String timezone = Nodes.text(root, "timezone");
        if (timezone != null && !validZone(timezone)) {
            problems.add(FieldPath.ROOT.field("timezone"), "unknown time zone '" + timezone + "'");
            return null;
        }
        Map<String, BusDefinition> buses = buses(root);
        List<DeviceDefinition> devices = devices(root, buses, profiles);
        return new Site(Nodes.text(root, "site"), Nodes.text(root, "gatewayId"), location(root.get("location")),
                timezone, List.copyOf(buses.values()), devices);
    }

    private Map<String, BusDefinition> buses(JsonNode root) {
        Map<String, BusDefinition> buses = new LinkedHashMap<>();
        int j = 0;
        for (JsonNode b : Nodes.array(root, "buses")) {
            FieldPath at = BUSES.index(j);
            if (!badBuses.contains(j++)) {
                BusDefinition bus = bus(b, at);
                if (bus != null && buses.putIfAbsent(bus.id(), bus) != null) {
                    problems.add(at.field("id"), "bus id '" + bus.id() + "' is used twice; this one is left out");
                }
            }
        }
        return buses;
    }

    private BusDefinition bus(JsonNode b, FieldPath at) {
        BusType type = YamlNames.toEnum(BusType.class, Nodes.text(b, "type"));
        List<String> needed = switch (type) {
            case SERIAL -> List.of("port", "baud");
            case TCP, RTU_OVER_TCP -> List.of("host", "tcpPort");
            case COAP, GPIO -> List.of();
        };
        boolean complete = true;
        for (String field : needed) {
            if (!b.has(field)) {
                problems.add(at.field(field), "is required for a " + YamlNames.of(type) + " bus; the bus is left out");
                complete = false;
            }
        }
        if (!complete) {
            return null;
        }
        return new BusDefinition(Nodes.text(b, "id"), type, Nodes.text(b, "port"), Nodes.integer(b, "baud", 0),
                YamlNames.toEnum(Parity.class, Nodes.text(b, "parity")), Nodes.integer(b, "stopBits", 1),
                Nodes.text(b, "host"), Nodes.integer(b, "tcpPort", 0), Nodes.integer(b, "interFrameDelayMs", 0),
                Nodes.integer(b, "maxConnections", 1));
    }

    private List<DeviceDefinition> devices(JsonNode root, Map<String, BusDefinition> buses,
            Map<String, DeviceProfile> profiles) {
        Set<String> definedBuses = new HashSet<>();
        Nodes.array(root, "buses").forEach(b -> definedBuses.add(Nodes.text(b, "id")));
        Set<String> ids = new HashSet<>();
        Map<String, String> unitOwners = new HashMap<>();
        List<DeviceDefinition> devices = new ArrayList<>();
        int i = 0;
        for (JsonNode d : Nodes.array(root, "devices")) {
            FieldPath at = DEVICES.index(i);
            if (badDevices.contains(i++)) {
                continue;
            }
            DeviceDefinition device = device(d);
            if (!ids.add(device.id())) {
                problems.add(at.field("id"), "device id '" + device.id() + "' is used twice; this one is left out");
            } else if (!buses.containsKey(device.bus())) {
                problems.add(at.field("bus"), (definedBuses.contains(device.bus())
                        ? "bus '" + device.bus() + "' is invalid (see its problems)"
                        : "no bus '" + device.bus() + "' in this file") + "; the device is left out");
            } else if (!profiles.containsKey(device.profile())) {
                problems.add(at.field("profile"), "no valid profile '" + device.profile()
                        + "' (missing, or rejected: see its problems); the device is left out");
            } else if (fitsBus(device, d, buses.get(device.bus()), profiles.get(device.profile()), at)) {
                String owner = device.unitId() == 0 ? null
                        : unitOwners.putIfAbsent(device.bus() + "#" + device.unitId(), device.id());
                if (owner != null) {
                    problems.add(at.field("unitId"), "unit " + device.unitId() + " on bus '" + device.bus()
                            + "' is already device '" + owner + "'; the device is left out");
                } else {
                    devices.add(device);
                }
            }
        }
        return devices;
    }

    /** A Modbus device needs a unit id, only a CoAP device has an address, and the profile must speak the bus. */
    private boolean fitsBus(DeviceDefinition device, JsonNode d, BusDefinition bus, DeviceProfile profile,
            FieldPath at) {
        String on = " on " + YamlNames.of(bus.type()) + " bus '" + bus.id() + "'";
        int before = problems.size();
        if (bus.type().isModbus() && !d.has("unitId")) {
            problems.add(at.field("unitId"), "is required" + on + "; the device is left out");
        }
        if (!bus.type().isModbus() && d.has("unitId")) {
            problems.add(at.field("unitId"), "has no meaning" + on + " (Modbus only); the device is left out");
        }
        if (bus.type() != BusType.COAP && device.address() != null) {
            problems.add(at.field("address"), "has no meaning" + on + " (CoAP only); the device is left out");
        }
        Protocol wanted = bus.type().isModbus() ? Protocol.MODBUS
                : bus.type() == BusType.COAP ? Protocol.COAP : Protocol.GPIO;
        if (problems.size() == before && profile.protocol() != wanted) {
            problems.add(at.field("profile"), "profile '" + profile.id() + "' is a " + YamlNames.of(profile.protocol())
                    + " device and cannot sit" + on + "; the device is left out");
        }
        return problems.size() == before;
    }

    private static DeviceDefinition device(JsonNode d) {
        return new DeviceDefinition(Nodes.text(d, "id"), Nodes.text(d, "name"), Nodes.text(d, "bus"),
                Nodes.integer(d, "unitId", 0), Nodes.text(d, "profile"), location(d.get("location")),
                Nodes.text(d, "group"), Nodes.text(d, "address"));
    }

    private static GeoPoint location(JsonNode node) {
        return node == null || node.isNull() ? null
                : new GeoPoint(node.get("latitude").asDouble(), node.get("longitude").asDouble());
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
