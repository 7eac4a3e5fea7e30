package org.cityedge.simulator.model;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;

/**
 * Converts a point's engineering value to its registers and back, as the profile lays it out: type, byte order
 * inside each register, word order across registers, and {@code value = raw * scale + offset}.
 */
public final class PointCodec {

    private PointCodec() {
    }

    /** The registers (one 0/1 entry for a point in a bit table) holding {@code value}; out-of-range raws clamp. */
    public static int[] encode(PointDefinition p, double value) {
        if (p.table().isBits()) {
            return new int[] {value != 0 ? 1 : 0};
        }
        double raw = (value - p.offset()) / scale(p);
        long bits = switch (p.type()) {
            case BOOL -> raw != 0 ? 1 : 0;
            case INT16 -> clamp(raw, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF;
            case UINT16, BITFIELD, ENUM -> clamp(raw, 0, 0xFFFF);
            case INT32 -> clamp(raw, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL;
            case UINT32 -> clamp(raw, 0, 0xFFFF_FFFFL);
            case FLOAT32 -> Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToLongBits(raw);
        };
        int n = p.type().registers();
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            int word = (int) (bits >>> (16 * (n - 1 - i))) & 0xFFFF;   // most significant word first
            words[p.wordOrder() == Endian.BIG ? i : n - 1 - i] = p.byteOrder() == Endian.BIG ? word : swap(word);
        }
        return words;
    }

    /** The engineering value held by {@code registers} (the point's width, in wire order). */
    public static double decode(PointDefinition p, int[] registers) {
        if (p.table().isBits()) {
            return registers[0] != 0 ? 1 : 0;
        }
        int n = p.type().registers();
        long bits = 0;
        for (int i = 0; i < n; i++) {
            int word = registers[p.wordOrder() == Endian.BIG ? i : n - 1 - i];
            bits = (bits << 16) | (p.byteOrder() == Endian.BIG ? word : swap(word)) & 0xFFFF;
        }
        double raw = switch (p.type()) {
            case BOOL -> bits != 0 ? 1 : 0;
            case INT16 -> (short) bits;
            case UINT16, BITFIELD, ENUM -> bits & 0xFFFF;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
        };
        return raw * scale(p) + p.offset();
    }

    /** True for types whose raw value is a whole number. */
    static boolean isInteger(DataType type) {
        return type != DataType.FLOAT32 && type != DataType.FLOAT64;
    }

    private static double scale(PointDefinition p) {
        return p.scale() == 0 ? 1 : p.scale();
    }

    private static long clamp(double raw, long min, long max) {
        if (Double.isNaN(raw)) {
            return 0;
        }
        return Math.max(min, Math.min(max, Math.round(raw)));
    }

    private static int swap(int word) {
        return ((word & 0xFF) << 8) | ((word >>> 8) & 0xFF);
    }
}
