package org.cityedge.uplink.mqtt;

/** Just enough JSON writing for our payloads: strings escaped per RFC 8259, numbers as Java prints them. */
final class Json {

    private Json() {
    }

    static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** A sample value: number, boolean, string or null. NaN and infinities are not JSON: they become null. */
    static StringBuilder value(StringBuilder out, Object v) {
        if (v == null) {
            return out.append("null");
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return out.append("null");
            }
            double r = d;
            if (r == Math.rint(r) && Math.abs(r) < 1e15) {
                return out.append((long) r); // 80.0 -> 80: shorter, same number
            }
            return out.append(r);
        }
        if (v instanceof Long || v instanceof Boolean || v instanceof Integer) {
            return out.append(v);
        }
        return string(out, v.toString());
    }

    static StringBuilder field(StringBuilder out, String name) {
        return string(out, name).append(':');
    }
}
