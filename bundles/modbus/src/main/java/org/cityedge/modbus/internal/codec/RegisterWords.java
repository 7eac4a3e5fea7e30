package org.cityedge.modbus.internal.codec;

import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;

/**
 * Byte and word order: turns a point's registers into one raw number (most significant bits first) and back.
 * Registers are 16-bit values held in ints (0..65535).
 */
final class RegisterWords {

    private RegisterWords() {
    }

    /** The point's registers starting at {@code offset}, combined into an unsigned bit pattern. */
    static long combine(PointDefinition p, int[] registers, int offset) {
        int n = p.type().registers();
        long bits = 0;
        for (int k = 0; k < n; k++) {
            int index = p.wordOrder() == Endian.BIG ? offset + k : offset + n - 1 - k;
            bits = (bits << 16) | orderBytes(p.byteOrder(), registers[index]);
        }
        return bits;
    }

    /** The inverse of {@link #combine}: the point's registers, in wire order, for a raw bit pattern. */
    static int[] split(PointDefinition p, long bits) {
        int n = p.type().registers();
        int[] registers = new int[n];
        for (int k = n - 1; k >= 0; k--) {
            int word = orderBytes(p.byteOrder(), (int) (bits & 0xFFFF));
            registers[p.wordOrder() == Endian.BIG ? k : n - 1 - k] = word;
            bits >>>= 16;
        }
        return registers;
    }

    private static int orderBytes(Endian byteOrder, int register) {
        int r = register & 0xFFFF;
        return byteOrder == Endian.BIG ? r : ((r & 0xFF) << 8) | (r >>> 8);
    }

    /** Sign-extends or masks a combined pattern to the type's integer value. */
    static long toInteger(DataType type, long bits) {
        return switch (type) {
            case INT16 -> (short) bits;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            default -> bits & 0xFFFF;
        };
    }

    /** Integer range of the type, for encoding; {@code null} for floating point. */
    static long[] integerRange(DataType type) {
        return switch (type) {
            case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case UINT32 -> new long[] {0, 0xFFFF_FFFFL};
            case FLOAT32, FLOAT64 -> null;
            default -> new long[] {0, 0xFFFF};
        };
    }
}
