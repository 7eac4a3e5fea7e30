package org.cityedge.site.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates a YAML tree against one of the JSON Schemas packaged under {@code schema/} and reports each failure at
 * the field it concerns: for a missing or unknown member that is the member itself, not its parent object.
 */
final class SchemaCheck {

    static final SchemaCheck PROFILE = new SchemaCheck("schema/device-profile.schema.json");
    static final SchemaCheck SITE = new SchemaCheck("schema/site.schema.json");

    private final String resource;
    private volatile JsonSchema schema;

    private SchemaCheck(String resource) {
        this.resource = resource;
    }

    /** One schema failure. */
    record Failure(FieldPath path, String message) {
    }

    /** The failures, in document order of their paths. */
    List<Failure> validate(JsonNode document) {
        return schema().validate(document).stream()
                .map(SchemaCheck::failure)
                .distinct()
                .sorted(Comparator.comparing(f -> f.path().pointer()))
                .toList();
    }

    private static Failure failure(ValidationMessage m) {
        FieldPath path = toFieldPath(m.getInstanceLocation());
        String type = m.getType();
        if (m.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            path = path.field(m.getProperty());
        }
        return new Failure(path, message(m, type));
    }

    private static String message(ValidationMessage m, String type) {
        if ("required".equals(type)) {
            return "is required";
        }
        if ("additionalProperties".equals(type)) {
            return "is not a known field";
        }
        // getMessage() starts with the instance location, which the problem already names as its field.
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return text;
    }

    private static FieldPath toFieldPath(JsonNodePath location) {
        FieldPath path = FieldPath.ROOT;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object e = location.getElement(i);
            path = e instanceof Integer index ? path.index(index) : path.field(String.valueOf(e));
        }
        return path;
    }

    private JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            synchronized (this) {
                if (schema == null) {
                    schema = load();
                }
                s = schema;
            }
        }
        return s;
    }

    private JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bundle");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
