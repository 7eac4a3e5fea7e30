package org.cityedge.modbus.internal.wire;

/** Why a transaction failed, as counted in a device's health. */
public enum ErrorKind {
    /** No reply within the response timeout. */
    TIMEOUT("timeout", false),
    /** A reply arrived garbled (bad CRC). */
    CRC("crc", true),
    /** The device answered with a Modbus exception (the counter key adds the code). */
    EXCEPTION("exception", true),
    /** The reply did not fit the request (wrong length or content). */
    DECODE("decode", true),
    /** The connection or port failed (refused, reset, unplugged). */
    IO("io", false),
    /** The bus is down and waits for its reopen backoff; the wire was not touched. */
    BUS_DOWN("bus-down", false);

    private final String key;
    private final boolean answered;

    ErrorKind(String key, boolean answered) {
        this.key = key;
        this.answered = answered;
    }

    /** Counter key in {@link org.cityedge.api.field.DeviceHealth#errors()}. */
    public String key() {
        return key;
    }

    /** True when the device did answer (so it is alive, just unhappy). */
    public boolean deviceAnswered() {
        return answered;
    }
}
