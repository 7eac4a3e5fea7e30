package org.cityedge.api.profile;

/** How the gateway reaches a device of a model; decides which driver serves it and which point fields apply. */
public enum Protocol {
    /** Modbus RTU or TCP: points live in register tables. */
    MODBUS,
    /** CoAP (RFC 7252), plain or over DTLS: points live in resources, see {@link CoapBinding}. */
    COAP,
    /** The gateway's own GPIO pins (cabinet I/O): points are bound to pins by the driver's configuration. */
    GPIO
}
