package org.cityedge.api.profile;

/** Byte order inside a register, or word order across the registers of a 32/64-bit value. */
public enum Endian {
    /** Most significant first: the Modbus default. */
    BIG,
    /** Least significant first ("swapped"). */
    LITTLE
}
