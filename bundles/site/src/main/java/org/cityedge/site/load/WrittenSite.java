package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps a parsed site file to a {@link Site} holding every bus and device as written, including those a load leaves
 * out (missing or broken profile, unknown bus, unit id out of range), so that an edit written back keeps them.
 *
 * <p>Only what the API records can hold is carried: an entry with an unknown field, a value of the wrong kind (text
 * where a number belongs), or without the id, bus or profile a record needs cannot be written back unchanged. Rather
 * than drop it silently, such entries are reported and nothing is carried. Fields that mean nothing for a bus's
 * type (a baud rate on a TCP bus) are dropped on write; the loader ignores them anyway.
 */
final class WrittenSite {

    private static final String CANNOT_KEEP = "cannot be kept through an edit (";
    private static final String FIX = "); correct it in the file or import a corrected site";

    /** COUNT: a whole number of at least 1, where the records cannot tell 0 from absent. */
    private enum Kind { TEXT, INTEGER, COUNT, LOCATION, LIST, BUS_TYPE, PARITY }

    private static final Map<String, Kind> SITE_FIELDS = Map.of("site", Kind.TEXT, "gatewayId", Kind.TEXT,
            "location", Kind.LOCATION, "timezone", Kind.TEXT, "buses", Kind.LIST, "devices", Kind.LIST);
    private static final Map<String, Kind> BUS_FIELDS = Map.of("id", Kind.TEXT, "type", Kind.BUS_TYPE,
            "port", Kind.TEXT, "baud", Kind.COUNT, "parity", Kind.PARITY, "stopBits", Kind.COUNT,
            "host", Kind.TEXT, "tcpPort", Kind.COUNT, "interFrameDelayMs", Kind.INTEGER,
            "maxConnections", Kind.COUNT);
    private static final Map<String, Kind> DEVICE_FIELDS = Map.of("id", Kind.TEXT, "name", Kind.TEXT,
            "bus", Kind.TEXT, "unitId", Kind.COUNT, "profile", Kind.TEXT, "location", Kind.LOCATION,
            "group", Kind.TEXT, "address", Kind.TEXT);

    /** An entry that cannot be carried, and why. */
    record Refusal(FieldPath path, String message) {
    }

    /**
     * @param site       the site as written, or null when {@code refusals} is not empty
     * @param refusals   the entries that stop the file from being carried whole
     */
    record Outcome(Site site, List<Refusal> refusals) {
    }

    private final List<Refusal> refusals = new ArrayList<>();

    private WrittenSite() {
    }

    /** The tree as a site, or the entries that cannot be carried (each with its path and why). */
    static Outcome read(JsonNode root) {
        WrittenSite w = new WrittenSite();
        if (!root.isObject()) {
            w.refuse(FieldPath.ROOT, "the file is not a mapping of site fields");
            return new Outcome(null, w.refusals);
        }
        w.check(root, FieldPath.ROOT, SITE_FIELDS, List.of());
        List<BusDefinition> buses = new ArrayList<>();
        List<DeviceDefinition> devices = new ArrayList<>();
        FieldPath busesAt = FieldPath.ROOT.field("buses");
        int j = 0;
        for (JsonNode b : Nodes.array(root, "buses")) {
            FieldPath at = busesAt.index(j++);
            if (w.check(b, at, BUS_FIELDS, List.of("id", "type"))) {
                buses.add(bus(b));
            }
        }
        FieldPath devicesAt = FieldPath.ROOT.field("devices");
        int i = 0;
        for (JsonNode d : Nodes.array(root, "devices")) {
            FieldPath at = devicesAt.index(i++);
            if (w.check(d, at, DEVICE_FIELDS, List.of("id", "bus", "profile")) && w.location(d, at)) {
                devices.add(device(d));
            }
        }
        if (!w.location(root, FieldPath.ROOT) || !w.refusals.isEmpty()) {
            return new Outcome(null, w.refusals);
        }
        return new Outcome(new Site(Nodes.text(root, "site"), Nodes.text(root, "gatewayId"), geo(root.get("location")),
                Nodes.text(root, "timezone"), buses, devices), List.of());
    }

    /** True when every member of the object is known, of its kind, and the required ones are there. */
    private boolean check(JsonNode node, FieldPath at, Map<String, Kind> fields, List<String> required) {
        if (!node.isObject()) {
            refuse(at, "not a mapping");
            return false;
        }
        int before = refusals.size();
        for (String name : required) {
            if (isAbsent(node.get(name))) {
                refuse(at.field(name), "it is missing");
            }
        }
        node.fields().forEachRemaining(e -> {
            Kind kind = fields.get(e.getKey());
            if (kind == null) {
                refuse(at.field(e.getKey()), "not a known field");
            } else if (!isAbsent(e.getValue()) && !fits(e.getValue(), kind)) {
                refuse(at.field(e.getKey()), "not " + describe(kind));
            }
        });
        return refusals.size() == before;
    }

    private boolean location(JsonNode node, FieldPath at) {
        JsonNode l = node.get("location");
        if (isAbsent(l) || !l.isObject()) {
            return true; // absent, or already refused as not a mapping
        }
        try {
            geo(l);
            return true;
        } catch (IllegalArgumentException e) {
            refuse(at.field("location"), "a position out of range");
            return false;
        }
    }

    private static boolean fits(JsonNode v, Kind kind) {
        return switch (kind) {
            case TEXT -> v.isTextual();
            case INTEGER -> v.isIntegralNumber() && v.canConvertToInt();
            case COUNT -> v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1;
            case LIST -> v.isArray();
            case LOCATION -> v.isObject() && v.size() == 2 && v.path("latitude").isNumber()
                    && v.path("longitude").isNumber();
            case BUS_TYPE -> v.isTextual() && isEnum(BusType.class, v.asText());
            case PARITY -> v.isTextual() && isEnum(Parity.class, v.asText());
        };
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String name) {
        try {
            return YamlNames.of(YamlNames.toEnum(type, name)).equals(name); // exactly as the schema spells it
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case TEXT -> "text";
            case INTEGER -> "a whole number";
            case COUNT -> "a whole number of at least 1";
            case LIST -> "a list";
            case LOCATION -> "a location of latitude and longitude";
            case BUS_TYPE -> "a known bus type";
            case PARITY -> "none, even or odd";
        };
    }

    private static boolean isAbsent(JsonNode v) {
        return v == null || v.isNull();
    }

    private void refuse(FieldPath path, String why) {
        refusals.add(new Refusal(path, CANNOT_KEEP + why + FIX));
    }

    private static BusDefinition bus(JsonNode b) {
        return new BusDefinition(Nodes.text(b, "id"), YamlNames.toEnum(BusType.class, Nodes.text(b, "type")),
                Nodes.text(b, "port"), Nodes.integer(b, "baud", 0),
                YamlNames.toEnum(Parity.class, Nodes.text(b, "parity")), Nodes.integer(b, "stopBits", 1),
                Nodes.text(b, "host"), Nodes.integer(b, "tcpPort", 0), Nodes.integer(b, "interFrameDelayMs", 0),
                Nodes.integer(b, "maxConnections", 1));
    }

    private static DeviceDefinition device(JsonNode d) {
        return new DeviceDefinition(Nodes.text(d, "id"), Nodes.text(d, "name"), Nodes.text(d, "bus"),
                Nodes.integer(d, "unitId", 0), Nodes.text(d, "profile"), geo(d.get("location")),
                Nodes.text(d, "group"), Nodes.text(d, "address"));
    }

    private static GeoPoint geo(JsonNode node) {
        return isAbsent(node) ? null : new GeoPoint(node.get("latitude").asDouble(), node.get("longitude").asDouble());
    }
}
