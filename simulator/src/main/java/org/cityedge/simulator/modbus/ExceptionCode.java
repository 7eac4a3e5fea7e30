package org.cityedge.simulator.modbus;

/** Modbus exception codes the simulator answers with. */
public final class ExceptionCode {

    public static final int ILLEGAL_FUNCTION = 0x01;
    public static final int ILLEGAL_DATA_ADDRESS = 0x02;
    public static final int ILLEGAL_DATA_VALUE = 0x03;
    public static final int SERVER_DEVICE_FAILURE = 0x04;
    public static final int SERVER_DEVICE_BUSY = 0x06;
    /** Answered on Modbus TCP for a unit id that is not on the bus, as a Modbus TCP gateway does. */
    public static final int GATEWAY_TARGET_FAILED = 0x0B;

    private ExceptionCode() {
    }

    /** The exception reply PDU for request function {@code function}. */
    public static byte[] reply(int function, int code) {
        return new byte[] {(byte) (function | 0x80), (byte) code};
    }
}
