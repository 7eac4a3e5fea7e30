package org.cityedge.simulator.modbus;

/** A request the device refuses; {@link #code()} is the Modbus exception code of the reply. */
public final class ModbusException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int code;

    public ModbusException(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
