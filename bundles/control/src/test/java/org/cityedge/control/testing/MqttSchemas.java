package org.cityedge.control.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.cityedge.control.Json;

/** The JSON Schemas of docs/mqtt, read from the repository (not from the bundle) so the docs are what is tested. */
public final class MqttSchemas {

    private static final Map<String, JsonSchema> BY_KIND = new ConcurrentHashMap<>();

    private MqttSchemas() {
    }

    public static Path docs() {
        String configured = System.getProperty("cityedge.docs");
        return configured != null ? Path.of(configured) : Path.of("../../docs/mqtt");
    }

    public static List<String> validate(String kind, JsonNode json) {
        return BY_KIND.computeIfAbsent(kind, MqttSchemas::load).validate(json).stream()
                .map(ValidationMessage::getMessage).toList();
    }

    /** A handler's reply as the uplink publishes it (gatewayId and time in front) conforms to reply.schema.json. */
    public static JsonNode assertValidReply(String reply) {
        try {
            ObjectNode published = Json.object();
            published.put("gatewayId", "dx-cab-001");
            published.put("time", 1_800_000_000_000L);
            published.setAll((ObjectNode) Json.MAPPER.readTree(reply));
            assertThat(validate("reply", published)).as(reply).isEmpty();
            return published;
        } catch (IOException e) {
            throw new AssertionError("reply is not JSON: " + reply, e);
        }
    }

    /** An event as the uplink publishes it (gatewayId and seq in front) conforms to event.schema.json. */
    public static void assertValidEvent(String json) {
        try {
            ObjectNode published = Json.object();
            published.put("gatewayId", "dx-cab-001");
            published.put("seq", 1);
            published.setAll((ObjectNode) Json.MAPPER.readTree(json));
            assertThat(validate("event", published)).as(json).isEmpty();
        } catch (IOException e) {
            throw new AssertionError("event is not JSON: " + json, e);
        }
    }

    private static JsonSchema load(String kind) {
        Path file = docs().resolve(kind + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema " + file, e);
        }
    }
}
