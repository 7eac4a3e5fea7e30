package org.cityedge.simulator.coap;

import java.util.Locale;
import java.util.Map;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;

/**
 * A point's engineering value as the device puts it on the wire and back: the device reports raw values in its own
 * unit ({@code engineering = raw * scale + offset}, as for Modbus), integers for integer types and enums, booleans
 * for bool points. Text (text/plain, LwM2M) writes booleans as 1 / 0.
 */
final class CoapValues {

    private CoapValues() {
    }

    /** Boolean, Long or Double for a SenML record. */
    static Object wire(PointDefinition p, double engineering) {
        double raw = (engineering - p.offset()) / scale(p);
        if (p.type() == DataType.BOOL) {
            return raw != 0;
        }
        if (isInteger(p.type())) {
            return Math.round(raw);
        }
        return raw;
    }

    static String text(PointDefinition p, double engineering) {
        Object v = wire(p, engineering);
        return v instanceof Boolean b ? (b ? "1" : "0") : v.toString();
    }

    /**
     * The engineering value of a SenML record's value.
     *
     * @throws IllegalArgumentException when the value does not suit the point's type
     */
    static double fromWire(PointDefinition p, Object value) {
        double raw;
        if (value instanceof Boolean b) {
            if (p.type() != DataType.BOOL) {
                throw new IllegalArgumentException(p.name() + " takes a number, not a boolean");
            }
            raw = b ? 1 : 0;
        } else if (value instanceof Number n) {
            raw = n.doubleValue();
        } else if (value instanceof String s) {
            return fromText(p, s);
        } else {
            throw new IllegalArgumentException("no value for " + p.name());
        }
        return engineering(p, raw);
    }

    /**
     * The engineering value of a text payload: a number, true/false/on/off, or an enum state name.
     *
     * @throws IllegalArgumentException when it is none of these or does not suit the point's type
     */
    static double fromText(PointDefinition p, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double raw;
        switch (t) {
            case "true", "on" -> raw = 1;
            case "false", "off" -> raw = 0;
            default -> {
                Long state = null;
                for (Map.Entry<Long, String> e : p.enumValues().entrySet()) {
                    if (e.getValue().equalsIgnoreCase(t)) {
                        state = e.getKey();
                    }
                }
                if (state != null) {
                    raw = state;
                } else {
                    try {
                        raw = Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a value for " + p.name());
                    }
                }
            }
        }
        return engineering(p, raw);
    }

    private static double engineering(PointDefinition p, double raw) {
        if (Double.isNaN(raw) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("not a finite number for " + p.name());
        }
        if (p.type() == DataType.BOOL && raw != 0 && raw != 1) {
            throw new IllegalArgumentException(p.name() + " takes 0 or 1");
        }
        if (isInteger(p.type()) && raw != Math.rint(raw)) {
            throw new IllegalArgumentException(p.name() + " takes a whole number");
        }
        return raw * scale(p) + p.offset();
    }

    /** True when a write of {@code engineering} is within the point's range and states. */
    static boolean acceptable(PointDefinition p, double engineering) {
        return p.inRange(engineering) && (p.type() != DataType.ENUM || p.enumValues().isEmpty()
                || p.enumValues().containsKey(Math.round((engineering - p.offset()) / scale(p))));
    }

    private static boolean isInteger(DataType type) {
        return type != DataType.FLOAT32 && type != DataType.FLOAT64;
    }

    private static double scale(PointDefinition p) {
        return p.scale() == 0 ? 1 : p.scale();
    }
}
