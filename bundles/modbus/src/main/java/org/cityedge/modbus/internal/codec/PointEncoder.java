package org.cityedge.modbus.internal.codec;

import java.util.Locale;
import java.util.Map;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;

/**
 * Canonical value → what goes on the wire, the inverse of {@link PointDecoder}. Refuses a value with a
 * {@link RejectedValueException} whose message is fit for the person who asked for the write.
 */
public final class PointEncoder {

    private PointEncoder() {
    }

    /** The coil state for a point of a bit table, or for a BOOL kept in a register. */
    public static boolean encodeBool(PointDefinition p, Object value) throws RejectedValueException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "on", "1":
                    return true;
                case "false", "off", "0":
                    return false;
                default:
                    break;
            }
        }
        throw new RejectedValueException(p.name() + " takes true or false, not " + describe(value));
    }

    /** The registers, in wire order, holding {@code value} for a register point (not a BITFIELD: see the writer). */
    public static int[] encodeRegisters(PointDefinition p, Object value) throws RejectedValueException {
        if (p.type() == DataType.BOOL) {
            return new int[] {encodeBool(p, value) ? 1 : 0};
        }
        if (p.type() == DataType.BITFIELD) {
            throw new RejectedValueException(p.name() + " is a bit field: write one of its bits " + p.bits().values());
        }
        if (p.type() == DataType.ENUM) {
            return RegisterWords.split(p, enumRaw(p, value));
        }
        double engineering = toNumber(p, value);
        if (!p.inRange(engineering)) {
            throw new RejectedValueException(p.name() + " must lie in [" + bound(p.min()) + ", " + bound(p.max())
                    + "], not " + describe(value));
        }
        double raw = (engineering - p.offset()) / p.scale();
        if (p.type() == DataType.FLOAT32) {
            return RegisterWords.split(p, Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL);
        }
        if (p.type() == DataType.FLOAT64) {
            return RegisterWords.split(p, Double.doubleToLongBits(raw));
        }
        long rounded = Math.round(raw);
        long[] range = RegisterWords.integerRange(p.type());
        if (rounded < range[0] || rounded > range[1]) {
            throw new RejectedValueException(p.name() + ": " + describe(value) + " does not fit in a "
                    + p.type().name().toLowerCase(Locale.ROOT));
        }
        return RegisterWords.split(p, rounded);
    }

    /** The bit number of a named bit of a BITFIELD. */
    public static int bitNumber(PointDefinition bitfield, String bitName) throws RejectedValueException {
        for (Map.Entry<Integer, String> bit : bitfield.bits().entrySet()) {
            if (bit.getValue().equals(bitName)) {
                return bit.getKey();
            }
        }
        throw new RejectedValueException(bitfield.name() + " has no bit " + bitName);
    }

    private static long enumRaw(PointDefinition p, Object value) throws RejectedValueException {
        if (value instanceof String s) {
            for (Map.Entry<Long, String> state : p.enumValues().entrySet()) {
                if (state.getValue().equals(s)) {
                    return state.getKey();
                }
            }
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && p.enumValues().containsKey(n.longValue())) {
            return n.longValue();
        }
        throw new RejectedValueException(p.name() + " takes one of " + p.enumValues().values() + ", not "
                + describe(value));
    }

    private static double toNumber(PointDefinition p, Object value) throws RejectedValueException {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new RejectedValueException(p.name() + " takes a number, not " + describe(value));
            }
        } else {
            throw new RejectedValueException(p.name() + " takes a number, not " + describe(value));
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new RejectedValueException(p.name() + " takes a finite number, not " + d);
        }
        return d;
    }

    private static String bound(Double b) {
        return b == null ? "-" : String.valueOf(b);
    }

    private static String describe(Object value) {
        return value == null ? "nothing (null)" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
