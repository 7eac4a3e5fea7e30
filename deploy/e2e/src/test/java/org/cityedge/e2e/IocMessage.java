package org.cityedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message as the IOC received it. Topic: {@code cityedge/v1/{site}/{gatewayId}/{kind}[/{deviceId}]}.
 *
 * @param json         the payload, or null when it was not JSON
 * @param arrivedNanos {@link System#nanoTime()} at arrival, to tell what came after an action of the test
 */
record IocMessage(String topic, String payload, JsonNode json, boolean retained, long arrivedNanos) {

    String kind() {
        String[] s = topic.split("/");
        return s.length > 4 ? s[4] : "";
    }

    /** The device segment of telemetry and event topics; empty otherwise. */
    String device() {
        String[] s = topic.split("/");
        return s.length > 5 ? s[5] : "";
    }

    long seq() {
        return json == null ? -1 : json.path("seq").asLong(-1);
    }

    /** Telemetry, events and health share the gap-checked sequence; state does not take part. */
    boolean sequenced() {
        return !kind().equals("state");
    }

    boolean is(String kind) {
        return kind().equals(kind);
    }

    @Override
    public String toString() {
        return topic + " " + payload;
    }
}
