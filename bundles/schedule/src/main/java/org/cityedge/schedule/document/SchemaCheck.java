package org.cityedge.schedule.document;

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
 * Validates a document against {@code schema/schedule.schema.json} (the one published in docs/mqtt) and words each
 * failure as {@code field: what is wrong}, naming the member itself for a missing or unknown member.
 */
final class SchemaCheck {

    private static final String RESOURCE = "schema/schedule.schema.json";
    private static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    static List<String> problems(JsonNode document) {
        return SCHEMA.validate(document).stream()
                .map(SchemaCheck::problem)
                .distinct()
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static String problem(ValidationMessage m) {
        String field = FieldNames.of(m.getInstanceLocation());
        String type = m.getType();
        if ("anyOf".equals(type) || m.getEvaluationPath().toString().contains("anyOf")) {
            // The only anyOf: an exception's conditions. Its branches' "required" failures alone would mislead.
            return field + ": needs from and to, dates or weekdays";
        }
        if (m.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            field = FieldNames.child(field, m.getProperty());
            return field + ": " + ("required".equals(type) ? "is required" : "is not a known field");
        }
        if ("pattern".equals(type) && m.getInstanceNode() != null) {
            return field + ": " + m.getInstanceNode() + " " + patternHint(field);
        }
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return (field.isEmpty() ? "(document)" : field) + ": " + text;
    }

    /** The schema's patterns, said in words. */
    private static String patternHint(String field) {
        if (field.endsWith(".at")) {
            return "is not sunset, sunrise, dusk, dawn or a time HH:MM (00:00-23:59)";
        }
        if (field.endsWith(".from") || field.endsWith(".to") || field.matches(".*\\.dates\\[\\d+]")) {
            return "is not a date YYYY-MM-DD";
        }
        return "is not a name of 1-64 letters, digits, '_', '.' or '-' starting with a letter or digit";
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Field names as people read them: {@code programs.night.steps[1].level}. */
    static final class FieldNames {

        private FieldNames() {
        }

        static String of(JsonNodePath location) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < location.getNameCount(); i++) {
                Object e = location.getElement(i);
                if (e instanceof Integer index) {
                    b.append('[').append(index).append(']');
                } else {
                    b.append(b.length() > 0 ? "." : "").append(e);
                }
            }
            return b.toString();
        }

        static String child(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
    }
}
