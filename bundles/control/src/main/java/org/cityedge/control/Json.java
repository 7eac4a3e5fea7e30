package org.cityedge.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Jackson mapper for the bundle, and point values written as JSON. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A point value: number, boolean or string; NaN and infinities are not JSON and become null. */
    public static void putValue(ObjectNode node, String field, Object value) {
        if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                node.putNull(field);
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                node.put(field, d.longValue()); // 40.0 -> 40: what the IOC sent, and the same number
            } else {
                node.put(field, d);
            }
        } else if (value instanceof Number n) {
            putValue(node, field, n.doubleValue());
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    /** Compact JSON text of a node. */
    public static String text(ObjectNode node) {
        return node.toString();
    }
}
