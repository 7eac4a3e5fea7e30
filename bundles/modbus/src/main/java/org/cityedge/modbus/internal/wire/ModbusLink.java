package org.cityedge.modbus.internal.wire;

import org.cityedge.api.profile.RegisterTable;

/**
 * One open connection to a bus: a serial port or a TCP socket. Used by one thread at a time; each call is one
 * Modbus transaction, never retried here (the poller counts failures and backs off itself), and every wait in it is
 * bounded by {@code timeoutMs}.
 */
public interface ModbusLink extends AutoCloseable {

    /** FC 3 (holding) or FC 4 (input): {@code count} registers as unsigned 16-bit values. */
    int[] readRegisters(int unitId, RegisterTable table, int start, int count, int timeoutMs) throws LinkException;

    /** FC 1 (coils) or FC 2 (discrete inputs). */
    boolean[] readBits(int unitId, RegisterTable table, int start, int count, int timeoutMs) throws LinkException;

    /** FC 5. */
    void writeCoil(int unitId, int address, boolean on, int timeoutMs) throws LinkException;

    /** FC 15. */
    void writeCoils(int unitId, int address, boolean[] values, int timeoutMs) throws LinkException;

    /** FC 6. */
    void writeRegister(int unitId, int address, int value, int timeoutMs) throws LinkException;

    /** FC 16. */
    void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws LinkException;

    /**
     * FC 0x2B / MEI 0x0E, read device id code 1 (basic objects, as a stream from object 0): VendorName and
     * ProductCode.
     */
    DeviceIdentity readDeviceIdentification(int unitId, int timeoutMs) throws LinkException;

    /** False once the link cannot carry another transaction (socket closed, port gone): the bus reopens it. */
    boolean isUsable();

    /** Closes the port or socket; never throws. */
    @Override
    void close();
}
