package org.cityedge.api.profile;

/** How a point's register content is interpreted. */
public enum DataType {
    BOOL(1), INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2), FLOAT64(4),
    /** One register whose bits are separate boolean points, named by {@link PointDefinition#bits()}. */
    BITFIELD(1),
    /** One register whose value names a state, mapped by {@link PointDefinition#enumValues()}. */
    ENUM(1);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** How many 16-bit registers the type spans (a BOOL in a bit table spans one bit). */
    public int registers() {
        return registers;
    }
}
