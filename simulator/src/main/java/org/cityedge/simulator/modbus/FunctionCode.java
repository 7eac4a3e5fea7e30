package org.cityedge.simulator.modbus;

/** Modbus function codes. */
public final class FunctionCode {

    public static final int READ_COILS = 0x01;
    public static final int READ_DISCRETE_INPUTS = 0x02;
    public static final int READ_HOLDING_REGISTERS = 0x03;
    public static final int READ_INPUT_REGISTERS = 0x04;
    public static final int WRITE_SINGLE_COIL = 0x05;
    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int WRITE_MULTIPLE_COILS = 0x0F;
    public static final int WRITE_MULTIPLE_REGISTERS = 0x10;
    public static final int ENCAPSULATED_INTERFACE = 0x2B;
    /** MEI type of read device identification inside function 0x2B. */
    public static final int MEI_READ_DEVICE_ID = 0x0E;

    private FunctionCode() {
    }

    /** True for the functions a broadcast (unit 0) may carry. */
    public static boolean isWrite(int function) {
        return function == WRITE_SINGLE_COIL || function == WRITE_SINGLE_REGISTER
                || function == WRITE_MULTIPLE_COILS || function == WRITE_MULTIPLE_REGISTERS;
    }
}
