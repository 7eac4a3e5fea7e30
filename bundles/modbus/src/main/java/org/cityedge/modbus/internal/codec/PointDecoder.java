package org.cityedge.modbus.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.PointDefinition;

/**
 * Registers or bits → canonical samples, per the point's definition. Never throws for device data: anything it cannot
 * turn into a valid value becomes a BAD sample with the reason.
 */
public final class PointDecoder {

    /** Reason of a value outside the point's [min, max]. */
    public static final String OUT_OF_RANGE = "out of range";

    private PointDecoder() {
    }

    /** Canonical names of the samples a point produces: its bits for a BITFIELD, else its own name. */
    public static List<String> sampleNames(PointDefinition p) {
        if (p.type() != DataType.BITFIELD) {
            return List.of(p.name());
        }
        return List.copyOf(new TreeMap<>(p.bits()).values());
    }

    /** Decodes a point of a register table whose first register is {@code registers[offset]}. */
    public static void decodeRegisters(String deviceId, PointDefinition p, int[] registers, int offset, long time,
            List<Sample> out) {
        if (offset < 0 || offset + p.type().registers() > registers.length) {
            bad(deviceId, p, time, "short reply", out);
            return;
        }
        switch (p.type()) {
            case BOOL -> out.add(Sample.good(deviceId, p.name(), registers[offset] != 0, p.unit(), time));
            case BITFIELD -> {
                int word = (int) RegisterWords.combine(p, registers, offset);
                for (Map.Entry<Integer, String> bit : new TreeMap<>(p.bits()).entrySet()) {
                    out.add(Sample.good(deviceId, bit.getValue(), ((word >>> bit.getKey()) & 1) == 1, "", time));
                }
            }
            case ENUM -> {
                long raw = RegisterWords.combine(p, registers, offset);
                String state = p.enumValues().get(raw);
                out.add(state == null ? Sample.bad(deviceId, p.name(), p.unit(), time, "unknown enum value " + raw)
                        : Sample.good(deviceId, p.name(), state, p.unit(), time));
            }
            case FLOAT32 -> number(deviceId, p,
                    Float.intBitsToFloat((int) RegisterWords.combine(p, registers, offset)), time, out);
            case FLOAT64 -> number(deviceId, p,
                    Double.longBitsToDouble(RegisterWords.combine(p, registers, offset)), time, out);
            default -> integer(deviceId, p, RegisterWords.toInteger(p.type(), RegisterWords.combine(p, registers,
                    offset)), time, out);
        }
    }

    /** Decodes a point of a bit table (coil or discrete input) whose bit is {@code bits[offset]}. */
    public static void decodeBits(String deviceId, PointDefinition p, boolean[] bits, int offset, long time,
            List<Sample> out) {
        if (offset < 0 || offset >= bits.length) {
            bad(deviceId, p, time, "short reply", out);
            return;
        }
        out.add(Sample.good(deviceId, p.name(), bits[offset], p.unit(), time));
    }

    /** Every sample of the point as BAD with the reason. */
    public static void bad(String deviceId, PointDefinition p, long time, String reason, List<Sample> out) {
        String unit = p.type() == DataType.BITFIELD ? "" : p.unit();
        for (String name : sampleNames(p)) {
            out.add(Sample.bad(deviceId, name, unit, time, reason));
        }
    }

    /** Decodes one point read on its own (write read-back), into a fresh list. */
    public static List<Sample> decode(String deviceId, PointDefinition p, int[] registers, boolean[] bits, long time) {
        List<Sample> out = new ArrayList<>(4);
        if (p.table().isBits()) {
            decodeBits(deviceId, p, bits, 0, time, out);
        } else {
            decodeRegisters(deviceId, p, registers, 0, time, out);
        }
        return out;
    }

    private static void integer(String deviceId, PointDefinition p, long raw, long time, List<Sample> out) {
        if (p.scale() == 1.0 && p.offset() == 0.0) {
            if (!p.inRange(raw)) {
                out.add(Sample.bad(deviceId, p.name(), p.unit(), time, OUT_OF_RANGE));
            } else {
                out.add(Sample.good(deviceId, p.name(), raw, p.unit(), time));
            }
            return;
        }
        number(deviceId, p, raw, time, out);
    }

    /**
     * raw * scale, but for decimal scales (0.1, 0.01, ...) raw / 10^k, which gives the double nearest the decimal
     * value (2301 * 0.1 is 230.10000000000002; 2301 / 10.0 is 230.1).
     */
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

    private static void number(String deviceId, PointDefinition p, double raw, long time, List<Sample> out) {
        double value = scale(raw, p.scale()) + p.offset();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, "not a number"));
        } else if (!p.inRange(value)) {
            out.add(Sample.bad(deviceId, p.name(), p.unit(), time, OUT_OF_RANGE));
        } else {
            out.add(Sample.good(deviceId, p.name(), value, p.unit(), time));
        }
    }
}
