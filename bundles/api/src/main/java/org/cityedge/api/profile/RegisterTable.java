package org.cityedge.api.profile;

/** The four Modbus data tables. Coils and discrete inputs hold bits, the others 16-bit registers. */
public enum RegisterTable {
    COIL(true, true), DISCRETE_INPUT(true, false), INPUT(false, false), HOLDING(false, true);

    private final boolean bits;
    private final boolean writable;

    RegisterTable(boolean bits, boolean writable) {
        this.bits = bits;
        this.writable = writable;
    }

    /** True for the bit tables (coils, discrete inputs). */
    public boolean isBits() {
        return bits;
    }

    /** True where Modbus allows a write (coils, holding registers). */
    public boolean isWritable() {
        return writable;
    }
}
