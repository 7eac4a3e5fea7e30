package org.cityedge.api.site;

/** How a bus reaches its devices. */
public enum BusType {
    /** Modbus RTU on a local serial port (RS-485 adapter). */
    SERIAL,
    /** Modbus TCP to a device or a TCP gateway. */
    TCP,
    /** Modbus RTU frames carried over TCP (serial device servers). */
    RTU_OVER_TCP,
    /**
     * CoAP devices on the gateway's IP networks (NB-IoT, 6LoWPAN border router, Ethernet): the gateway reads a device
     * that has an {@link DeviceDefinition#address()} and accepts SenML pushed by one that has none.
     */
    COAP,
    /** The gateway's own GPIO pins: cabinet I/O (contactor relay, door switch, photocell, status LED). */
    GPIO;

    /** True for the buses the Modbus driver serves. */
    public boolean isModbus() {
        return this == SERIAL || this == TCP || this == RTU_OVER_TCP;
    }
}
