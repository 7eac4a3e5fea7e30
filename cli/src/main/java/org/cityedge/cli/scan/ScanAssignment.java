package org.cityedge.cli.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cityedge.cli.text.Formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns what a bus scan found into the body of {@code POST /api/devices}: one device per found unit that has a
 * profile and is not on the site yet, with ids {@code prefix + number} (three digits, numbers already taken are
 * skipped) and the given group. One RS-485 bus runs one line setting: units found under the most common setting are
 * assigned, and the bus is switched to it when no device of the site is on the bus yet; units found under another
 * setting are left out with the reason.
 *
 * @param body    the request body ({@code {"buses":[...],"devices":[...]}})
 * @param skipped why a found unit was left out, one line each
 * @param notes   what else the assignment does (a bus switched to another line setting)
 */
public record ScanAssignment(ObjectNode body, List<String> skipped, List<String> notes) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param busId    the scanned bus
     * @param found    the scan's {@code found} list
     * @param devices  {@code GET /api/devices}: the site's devices now
     * @param buses    {@code GET /api/buses}: the site's buses now
     * @param idPrefix e.g. {@code sl-}
     * @param start    first number to use
     * @param group    group of every new device, or null
     */
    public static ScanAssignment of(String busId, JsonNode found, JsonNode devices, JsonNode buses, String idPrefix,
            int start, String group) {
        List<String> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> takenIds = new HashSet<>();
        Map<Integer, String> unitsOnBus = new LinkedHashMap<>();
        for (JsonNode d : devices) {
            takenIds.add(d.path("id").asText());
            if (busId.equals(d.path("bus").asText())) {
                unitsOnBus.put(d.path("unitId").asInt(), d.path("id").asText());
            }
        }
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode f : found) {
            int unit = f.path("unitId").asInt();
            if (!f.path("profile").isTextual() || f.path("profile").asText().isEmpty()) {
                skipped.add("unit " + unit + ": no profile recognised (assign it by hand: assign --id ID --bus "
                        + busId + " --unit " + unit + " --profile PROFILE)");
            } else if (unitsOnBus.containsKey(unit)) {
                skipped.add("unit " + unit + ": already on the site as " + unitsOnBus.get(unit));
            } else {
                candidates.add(f);
            }
        }
        JsonNode bus = findBus(buses, busId);
        String busSetting = bus == null || bus.path("baud").asInt() <= 0 ? null : setting(bus);
        String chosen = chooseSetting(candidates, busSetting, !unitsOnBus.isEmpty());
        ObjectNode body = NODES.objectNode();
        ArrayNode busList = body.putArray("buses");
        ArrayNode deviceList = body.putArray("devices");
        if (chosen != null && busSetting != null && !chosen.equals(busSetting) && unitsOnBus.isEmpty()) {
            JsonNode example = candidates.stream().filter(c -> chosen.equals(setting(c))).findFirst().orElseThrow();
            ObjectNode changed = ((ObjectNode) bus.deepCopy());
            changed.remove("scannable");
            changed.set("baud", example.get("baud"));
            changed.set("parity", example.get("parity"));
            changed.set("stopBits", example.get("stopBits"));
            busList.add(changed);
            notes.add("bus " + busId + " switched to " + chosen + " (was " + busSetting + ")");
        }
        int number = start;
        for (JsonNode c : candidates) {
            String setting = setting(c);
            if (chosen != null && setting != null && !chosen.equals(setting)) {
                skipped.add("unit " + c.path("unitId").asInt() + ": answers at " + setting + " but the bus runs "
                        + chosen + " (one line setting per bus)");
                continue;
            }
            String id;
            do {
                id = idPrefix + String.format(Locale.ROOT, "%03d", number++);
            } while (takenIds.contains(id));
            takenIds.add(id);
            ObjectNode device = deviceList.addObject().put("id", id).put("name", id).put("bus", busId)
                    .put("unitId", c.path("unitId").asInt()).put("profile", c.path("profile").asText());
            if (group != null) {
                device.put("group", group);
            }
        }
        return new ScanAssignment(body, skipped, notes);
    }

    /** The devices to post, for printing. */
    public JsonNode devices() {
        return body.path("devices");
    }

    /**
     * The setting to keep: the bus's own when devices already use it, else the most common among the candidates
     * (the first found wins a tie); null on a bus without line settings (TCP).
     */
    private static String chooseSetting(List<JsonNode> candidates, String busSetting, boolean busInUse) {
        if (busInUse && busSetting != null) {
            return busSetting;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode c : candidates) {
            String s = setting(c);
            if (s != null) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        if (busSetting != null && counts.getOrDefault(busSetting, 0) > 0
                && counts.get(busSetting).equals(counts.values().stream().max(Integer::compare).orElse(0))) {
            return busSetting;
        }
        return counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .map(Map.Entry::getKey).orElse(busSetting);
    }

    private static JsonNode findBus(JsonNode buses, String busId) {
        for (JsonNode b : buses) {
            if (busId.equals(b.path("id").asText())) {
                return b;
            }
        }
        return null;
    }

    private static String setting(JsonNode node) {
        int baud = node.path("baud").asInt();
        return baud <= 0 ? null : Formats.lineSetting(baud, node.path("parity").asText(""),
                node.path("stopBits").asInt(1));
    }
}
