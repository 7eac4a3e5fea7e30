package org.cityedge.api.profile;

import java.util.Map;
import java.util.Objects;

/**
 * One point of a device model: where it lives on the wire and what it means.
 *
 * @param name        canonical name (FIWARE / TALQ semantics), e.g. {@code dimLevel}
 * @param table       Modbus table
 * @param address     zero-based protocol address of the first register or bit
 * @param type        data type
 * @param byteOrder   byte order inside each register
 * @param wordOrder   register order of 32/64-bit values
 * @param scale       engineering value = raw * scale + offset
 * @param offset      see scale
 * @param unit        UCUM / SenML unit symbol; empty when unitless
 * @param access      read or read-write
 * @param min         lowest valid engineering value, or null
 * @param max         highest valid engineering value, or null
 * @param poll        poll class
 * @param bits        for BITFIELD: bit number (0 = least significant) to canonical boolean point name
 * @param enumValues  for ENUM: raw value to state name
 * @param coap        for a {@link Protocol#COAP} profile: the resource holding the point; null otherwise
 *
 * <p>{@code table} and {@code address} describe a Modbus point; they are null and 0 for CoAP and GPIO points.
 */
public record PointDefinition(String name, RegisterTable table, int address, DataType type, Endian byteOrder,
        Endian wordOrder, double scale, double offset, String unit, Access access, Double min, Double max,
        PollClass poll, Map<Integer, String> bits, Map<Long, String> enumValues, CoapBinding coap) {

    public PointDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        byteOrder = byteOrder == null ? Endian.BIG : byteOrder;
        wordOrder = wordOrder == null ? Endian.BIG : wordOrder;
        unit = unit == null ? "" : unit;
        access = access == null ? Access.READ : access;
        poll = poll == null ? PollClass.NORMAL : poll;
        bits = bits == null ? Map.of() : Map.copyOf(bits);
        enumValues = enumValues == null ? Map.of() : Map.copyOf(enumValues);
    }

    /** A Modbus point (the constructor of {@code cityedge.api.profile} 1.0). */
    public PointDefinition(String name, RegisterTable table, int address, DataType type, Endian byteOrder,
            Endian wordOrder, double scale, double offset, String unit, Access access, Double min, Double max,
            PollClass poll, Map<Integer, String> bits, Map<Long, String> enumValues) {
        this(name, table, address, type, byteOrder, wordOrder, scale, offset, unit, access, min, max, poll, bits,
                enumValues, null);
    }

    /** Registers (or bits, in a bit table) this point spans on the wire; 1 for a point outside Modbus. */
    public int width() {
        return table == null || table.isBits() ? 1 : type.registers();
    }

    /** True when the point may be written. */
    public boolean writable() {
        return access == Access.READ_WRITE && (table == null || table.isWritable());
    }

    /** True when the point holds one bit: a bool, or anything in a Modbus bit table. */
    public boolean isBit() {
        return type == DataType.BOOL || table != null && table.isBits();
    }

    /** True when {@code v} lies inside [min, max] (a missing bound does not limit). */
    public boolean inRange(double v) {
        return (min == null || v >= min) && (max == null || v <= max);
    }
}
