package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retained {@code state} topic: the birth message published on every connection, and the offline message,
 * which is both the MQTT v5 Will (the broker publishes it when the gateway vanishes) and what a clean shutdown
 * publishes. State messages are not buffered: their {@code seq} is the last sequence number assigned when they were
 * made, so the IOC knows how far the buffered stream had got; they do not count for gap detection.
 */
final class StateMessages {

    private StateMessages() {
    }

    static byte[] birth(GatewayFacts facts, Topics topics, long seq, long now, long startedAt) {
        return birth(facts, topics, seq, now, startedAt, facts.ruleSetVersion());
    }

    /** The birth, with the rule-set version the caller read (so it knows what the birth said). */
    static byte[] birth(GatewayFacts facts, Topics topics, long seq, long now, long startedAt,
            String ruleSetVersion) {
        StringBuilder json = head(topics, seq, now, "online");
        json.append(",\"site\":");
        Json.string(json, topics.site());
        json.append(",\"startedAt\":").append(startedAt).append(",\"versions\":{");
        Map<String, String> versions = new TreeMap<>(facts.versions());
        boolean first = true;
        for (Map.Entry<String, String> v : versions.entrySet()) {
            json.append(first ? "" : ",");
            Json.field(json, v.getKey());
            Json.string(json, v.getValue());
            first = false;
        }
        json.append("},\"profiles\":[");
        List<String> profiles = facts.profiles();
        for (int i = 0; i < profiles.size(); i++) {
            Json.string(json.append(i == 0 ? "" : ","), profiles.get(i));
        }
        json.append("],\"devices\":[");
        List<GatewayFacts.DeviceFact> devices = facts.devices();
        for (int i = 0; i < devices.size(); i++) {
            GatewayFacts.DeviceFact d = devices.get(i);
            json.append(i == 0 ? "{" : ",{");
            Json.field(json, "id");
            Json.string(json, d.id()).append(',');
            Json.field(json, "name");
            Json.string(json, d.name()).append(',');
            Json.field(json, "profile");
            Json.string(json, d.profile()).append(',');
            Json.field(json, "bus");
            Json.string(json, d.bus()).append('}');
        }
        json.append("],\"ruleSetVersion\":");
        Json.value(json, ruleSetVersion);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Offline: {@code reason} is {@code connection-lost} in the Will, {@code shutdown} on a clean stop. */
    static byte[] offline(Topics topics, long seq, long now, String reason) {
        StringBuilder json = head(topics, seq, now, "offline").append(",\"reason\":");
        Json.string(json, reason);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder head(Topics topics, long seq, long now, String status) {
        StringBuilder json = new StringBuilder(512).append('{');
        Json.field(json, "gatewayId");
        Json.string(json, topics.gatewayId()).append(",\"seq\":").append(seq).append(",\"time\":").append(now)
                .append(",\"status\":\"").append(status).append('"');
        return json;
    }
}
