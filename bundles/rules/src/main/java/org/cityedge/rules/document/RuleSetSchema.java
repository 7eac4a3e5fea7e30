package org.cityedge.rules.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a rule set against {@code schema/ruleset.schema.json} (the one published in docs/mqtt) and names each
 * failure at its field, with the rule's id: {@code rules[2] (photocell).debounceSeconds: must be ...}.
 */
final class RuleSetSchema {

    private static final String RESOURCE = "schema/ruleset.schema.json";
    private static volatile JsonSchema schema;

    private RuleSetSchema() {
    }

    /** The problems, in document order; empty when the document is valid. */
    static List<String> problems(JsonNode document) {
        List<ValidationMessage> messages = new ArrayList<>(schema().validate(document));
        messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
        Set<String> out = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            out.add(describe(document, m));
        }
        return List.copyOf(out);
    }

    private static String describe(JsonNode document, ValidationMessage m) {
        String type = m.getType();
        String where = where(document, m.getInstanceLocation());
        if (m.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            where = where.isEmpty() ? m.getProperty() : where + "." + m.getProperty();
            return where + ": " + ("required".equals(type) ? "is required" : "is not a known field");
        }
        // getMessage() starts with the instance location, which the problem already names.
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return (where.isEmpty() ? "document" : where) + ": " + text;
    }

    /** {@code $.rules[2].when} as {@code rules[2] (photocell).when}. */
    private static String where(JsonNode document, JsonNodePath location) {
        StringBuilder field = new StringBuilder();
        int start = 0;
        String rule = null;
        if (location.getNameCount() >= 2 && "rules".equals(String.valueOf(location.getElement(0)))
                && location.getElement(1) instanceof Integer index) {
            JsonNode id = document.path("rules").path(index).path("id");
            rule = Where.rule(index, id.isTextual() ? id.asText() : null, null);
            start = 2;
        }
        for (int i = start; i < location.getNameCount(); i++) {
            Object e = location.getElement(i);
            if (e instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(e);
            }
        }
        if (rule == null) {
            return field.toString();
        }
        return field.length() == 0 ? rule : rule + "." + field;
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            synchronized (RuleSetSchema.class) {
                if (schema == null) {
                    schema = load();
                }
                s = schema;
            }
        }
        return s;
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
        try (InputStream in = RuleSetSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
