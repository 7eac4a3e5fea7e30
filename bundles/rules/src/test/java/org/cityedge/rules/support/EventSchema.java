package org.cityedge.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** docs/mqtt/event.schema.json, which every event the rules publish must satisfy once the uplink adds its fields. */
public final class EventSchema {

    private static final JsonSchema SCHEMA = load();

    private EventSchema() {
    }

    /** Asserts the payload is valid once {@code gatewayId} and {@code seq} are added, and has neither itself. */
    public static void assertValid(JsonNode payload) {
        assertThat(payload.has("gatewayId")).as("gatewayId is the uplink's to add").isFalse();
        assertThat(payload.has("seq")).as("seq is the uplink's to add").isFalse();
        ObjectNode published = ((ObjectNode) payload.deepCopy()).put("gatewayId", "dx-cab-001").put("seq", 1);
        assertThat(SCHEMA.validate(published)).as("event %s against event.schema.json", payload).isEmpty();
    }

    private static JsonSchema load() {
        try (InputStream in = EventSchema.class.getClassLoader().getResourceAsStream("schema/event.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load event.schema.json", e);
        }
    }
}
