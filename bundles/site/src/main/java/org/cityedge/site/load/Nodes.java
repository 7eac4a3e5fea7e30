package org.cityedge.site.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reads optional members of a schema-checked tree, where types are already known to be right. */
final class Nodes {

    private Nodes() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static int integer(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asInt();
    }

    static double number(JsonNode node, String field, double fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asDouble();
    }

    /** The number, or null when absent. */
    static Double optionalNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    /** The member as an array; an empty array when absent. */
    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isArray() ? v : JsonNodeFactory.instance.arrayNode();
    }
}
