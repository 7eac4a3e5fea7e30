package org.cityedge.api.site;

/** How a bus reaches its devices. */
public enum BusType {
    /** Modbus RTU on a local serial port (RS-485 adapter). */
    SERIAL,
    /** Modbus TCP to a device or a TCP gateway. */
    TCP,
    /** Modbus RTU frames carried over TCP (serial device servers). */
    RTU_OVER_TCP
}
