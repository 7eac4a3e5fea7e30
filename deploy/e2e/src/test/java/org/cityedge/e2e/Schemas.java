package org.cityedge.e2e;

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

/** The published JSON Schemas of docs/mqtt (what IOC integrators get), one per message kind. */
final class Schemas {

    private static final Map<String, JsonSchema> BY_KIND = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static Path docs() {
        Path p = Path.of(System.getProperty("cityedge.docs", "../../docs/mqtt"));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("docs/mqtt not found at " + p.toAbsolutePath());
        }
        return p;
    }

    /** Problems of {@code json} against the schema of its kind (telemetry, event, state, health); empty: valid. */
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
