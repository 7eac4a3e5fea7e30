package org.cityedge.coap.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;

/**
 * A point's wire value (Double, Boolean or String from SenML; text from a text/plain resource) to samples, and a
 * canonical write value back to the wire value. Same value types and quality as the Modbus driver: scale/offset,
 * [min, max] → BAD "out of range", enum → state name, bool → Boolean, integers without scaling → Long. Never throws
 * for device data.
 */
public final class PointCodec {

    public static final String OUT_OF_RANGE = "out of range";

    private PointCodec() {
    }

    /** Canonical names of the samples a point produces: its bits for a BITFIELD, else its own name. */
    public static List<String> sampleNames(PointDefinition p) {
        return p.type() == DataType.BITFIELD ? List.copyOf(new TreeMap<>(p.bits()).values()) : List.of(p.name());
    }

    /** Samples of a point from a text/plain payload. */
    public static List<Sample> fromText(String deviceId, PointDefinition p, String text, long time) {
        String s = text == null ? "" : text.trim();
        Object raw;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            raw = Boolean.parseBoolean(lower);
        } else {
            try {
                raw = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                raw = s;
            }
        }
        return fromValue(deviceId, p, raw, time);
    }

    /** Samples of a point from a SenML record value (Double, Boolean or String). */
    public static List<Sample> fromValue(String deviceId, PointDefinition p, Object raw, long time) {
        List<Sample> out = new ArrayList<>(2);
        String unit = p.unit();
        switch (p.type()) {
            case BOOL -> {
                Boolean b = asBoolean(raw);
                out.add(b == null ? Sample.bad(deviceId, p.name(), unit, time, "not a boolean: " + raw)
                        : Sample.good(deviceId, p.name(), b, unit, time));
            }
            case ENUM -> {
                Double d = asNumber(raw);
                String state = d == null ? null : p.enumValues().get(d.longValue());
                if (state == null && raw instanceof String s && p.enumValues().containsValue(s)) {
                    state = s;
                }
                out.add(state == null ? Sample.bad(deviceId, p.name(), unit, time, "unknown enum value " + raw)
                        : Sample.good(deviceId, p.name(), state, unit, time));
            }
            case BITFIELD -> {
                Double d = asNumber(raw);
                if (d == null || d != Math.rint(d)) {
                    bad(deviceId, p, time, "not an integer: " + raw, out);
                } else {
                    long word = d.longValue();
                    for (Map.Entry<Integer, String> bit : new TreeMap<>(p.bits()).entrySet()) {
                        out.add(Sample.good(deviceId, bit.getValue(), ((word >>> bit.getKey()) & 1) == 1, "", time));
                    }
                }
            }
            case FLOAT32, FLOAT64 -> number(deviceId, p, raw, time, out);
            default -> integer(deviceId, p, raw, time, out);
        }
        return out;
    }

    /** Every sample of the point as BAD with the reason. */
    public static void bad(String deviceId, PointDefinition p, long time, String reason, List<Sample> out) {
        String unit = p.type() == DataType.BITFIELD ? "" : p.unit();
        for (String name : sampleNames(p)) {
            out.add(Sample.bad(deviceId, name, unit, time, reason));
        }
    }

    /**
     * What a failure publishes for points, as the Modbus driver does: each sample's last good value marked STALE, or
     * BAD when there is none.
     */
    public static List<Sample> spoil(String deviceId, List<PointDefinition> points, Function<String, Sample> lastGood,
            String reason, long now) {
        List<Sample> out = new ArrayList<>();
        for (PointDefinition p : points) {
            String unit = p.type() == DataType.BITFIELD ? "" : p.unit();
            for (String name : sampleNames(p)) {
                Sample last = lastGood.apply(name);
                out.add(last != null ? last.asStale(now, reason) : Sample.bad(deviceId, name, unit, now, reason));
            }
        }
        return out;
    }

    /**
     * The wire value for writing {@code value} to a point: Boolean for bool, Long for integers and enums, Double for
     * floats (raw = (engineering - offset) / scale). Refuses non-writable points and values outside [min, max].
     */
    public static Object toWire(PointDefinition p, Object value) throws RejectedValueException {
        if (!p.writable()) {
            throw new RejectedValueException(p.name() + " is read-only");
        }
        switch (p.type()) {
            case BOOL -> {
                Boolean b = asBoolean(value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : value);
                if (b == null) {
                    throw new RejectedValueException(p.name() + " takes true or false, not " + value);
                }
                return b;
            }
            case BITFIELD -> throw new RejectedValueException(p.name() + " is a bit field and cannot be written");
            case ENUM -> {
                for (Map.Entry<Long, String> e : p.enumValues().entrySet()) {
                    if (e.getValue().equals(value) || value instanceof Number n && n.longValue() == e.getKey()
                            && n.doubleValue() == e.getKey()) {
                        return e.getKey();
                    }
                }
                throw new RejectedValueException(p.name() + " takes one of " + p.enumValues().values() + ", not "
                        + value);
            }
            default -> {
                Double engineering = asNumber(value);
                if (engineering == null || engineering.isNaN() || engineering.isInfinite()) {
                    throw new RejectedValueException(p.name() + " takes a number, not " + value);
                }
                if (!p.inRange(engineering)) {
                    throw new RejectedValueException(p.name() + " must lie in [" + bound(p.min()) + ", "
                            + bound(p.max()) + "], not " + value);
                }
                double raw = (engineering - p.offset()) / p.scale();
                if (p.type() == DataType.FLOAT32 || p.type() == DataType.FLOAT64) {
                    return raw;
                }
                if (Math.abs(raw - Math.rint(raw)) > 1e-9) {
                    throw new RejectedValueException(p.name() + " takes whole steps of " + p.scale() + ", not "
                            + value);
                }
                return Math.round(raw);
            }
        }
    }

    /**
     * True when a read-back sample value equals what was asked for: enums by state (a write may name the state or its
     * number), FLOAT32 at float precision (the device stores a float), other numbers within a relative 1e-9.
     */
    public static boolean sameValue(PointDefinition p, Object requested, Object readBack) {
        if (readBack == null) {
            return false;
        }
        if (p.type() == DataType.ENUM) {
            Object state = requested instanceof Number n && n.doubleValue() == n.longValue()
                    ? p.enumValues().get(n.longValue()) : requested;
            return state != null && state.toString().equals(readBack.toString());
        }
        Double a = requested instanceof Boolean ? null : asNumber(requested);
        Double b = readBack instanceof Boolean ? null : asNumber(readBack);
        if (a != null && b != null) {
            if (p.type() == DataType.FLOAT32) {
                // two float ulps: the read-back went through float storage and scale/offset once more
                return Math.abs(a - b) <= 2 * Math.ulp((float) Math.max(Math.abs(a), Math.abs(b)));
            }
            return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
        }
        Boolean ba = asBoolean(requested instanceof String s ? s.toLowerCase(Locale.ROOT) : requested);
        if (readBack instanceof Boolean bb && ba != null) {
            return bb.equals(ba);
        }
        return String.valueOf(requested).equals(String.valueOf(readBack));
    }

    private static String bound(Double d) {
        return d == null ? "-" : String.valueOf(d);
    }

    private static Boolean asBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (raw instanceof String s) {
            return switch (s) {
                case "true", "on", "1" -> Boolean.TRUE;
                case "false", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    private static Double asNumber(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static void integer(String deviceId, PointDefinition p, Object raw, long time, List<Sample> out) {
        Double d = asNumber(raw);
        if (d == null || d != Math.rint(d)) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, "not an integer: " + raw));
            return;
        }
        if (p.scale() == 1.0 && p.offset() == 0.0) {
            long v = d.longValue();
            out.add(p.inRange(v) ? Sample.good(deviceId, p.name(), v, p.unit(), time)
                    : Sample.bad(deviceId, p.name(), p.unit(), time, OUT_OF_RANGE));
            return;
        }
        number(deviceId, p, d, time, out);
    }

    private static void number(String deviceId, PointDefinition p, Object raw, long time, List<Sample> out) {
        Double d = asNumber(raw);
        if (d == null) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, "not a number: " + raw));
            return;
        }
        double value = scale(d, p.scale()) + p.offset();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, "not a number"));
        } else if (!p.inRange(value)) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, OUT_OF_RANGE));
        } else {
            out.add(Sample.good(deviceId, p.name(), value, p.unit(), time));
        }
    }

    /** raw * scale, but raw / 10^k for decimal scales, which gives the double nearest the decimal value. */
    static double scale(double raw, double scale) {
        if (scale == 1.0) {
            return raw;
        }
        double inverse = 1.0 / scale;
        double rounded = Math.rint(inverse);
        if (rounded != 0 && Math.abs(inverse - rounded) < 1e-9 * Math.abs(rounded)) {
            return raw / rounded;
        }
        return raw * scale;
    }
}
