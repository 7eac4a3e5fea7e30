package org.cityedge.uplink.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The JSON Schemas of docs/mqtt, one per message kind (the topic segment after the gateway id). */
final class Schemas {

    private static final Map<String, JsonSchema> BY_KIND = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static Path docs() {
        String configured = System.getProperty("cityedge.docs");
        Path p = configured != null ? Path.of(configured) : Path.of("../../docs/mqtt");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("docs/mqtt not found at " + p.toAbsolutePath());
        }
        return p;
    }

    static List<String> validate(String kind, JsonNode json) {
        JsonSchema schema = BY_KIND.computeIfAbsent(kind, Schemas::load);
        return schema.validate(json).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema load(String kind) {
        Path file = docs().resolve(kind + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema for message kind '" + kind + "': " + file, e);
        }
    }
}
