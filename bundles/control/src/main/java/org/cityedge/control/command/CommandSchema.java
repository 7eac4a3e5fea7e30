package org.cityedge.control.command;

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
 * Checks requests against docs/mqtt/cmd.schema.json (packaged as {@code schema/cmd.schema.json}) and words each
 * failure for people, at the field it concerns.
 */
final class CommandSchema {

    static final String RESOURCE = "schema/cmd.schema.json";

    /** One failure: the JSON pointer of the field and what is wrong with it. */
    record Failure(String field, String message) {
        @Override
        public String toString() {
            return (field.isEmpty() ? "the command" : field.substring(1)) + ": " + message;
        }
    }

    private final JsonSchema schema;

    CommandSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
        try (InputStream in = CommandSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The failures, by field; empty when the request is valid. */
    List<Failure> validate(JsonNode request) {
        String action = request.path("action").asText("");
        return schema.validate(request).stream()
                .filter(m -> !"if".equals(m.getType()) && !"allOf".equals(m.getType()))
                .map(m -> failure(m, action))
                .distinct()
                .sorted(Comparator.comparing(Failure::field))
                .toList();
    }

    private static Failure failure(ValidationMessage m, String action) {
        String field = pointer(m.getInstanceLocation());
        String type = m.getType();
        if (m.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            field = field + "/" + m.getProperty();
        }
        String evaluation = m.getEvaluationPath().toString();
        if (evaluation.contains("anyOf")) { // the only anyOf: override's level and/or on
            return new Failure("", "action " + action + " needs level, on or both");
        }
        boolean perAction = evaluation.contains("allOf");
        return new Failure(field, switch (type) {
            case "required" -> perAction ? "is required for action " + action : "is required";
            case "additionalProperties" -> "is not a known field";
            case "false" -> "is not a parameter of action " + action;
            default -> stripLocation(m);
        });
    }

    private static String stripLocation(ValidationMessage m) {
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
    }

    private static String pointer(JsonNodePath location) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            p.append('/').append(location.getElement(i));
        }
        return p.toString();
    }
}
