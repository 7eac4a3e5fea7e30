package org.cityedge.api.site;

import java.util.Objects;

/**
 * One field bus of the gateway. Serial buses use port/baud/parity/stopBits; TCP buses use host/tcpPort.
 *
 * @param id                 bus id referenced by devices
 * @param type               how the bus is reached
 * @param port               serial device path, e.g. {@code /dev/ttyUSB0}
 * @param baud               serial speed in bit/s
 * @param parity             serial parity
 * @param stopBits           1 or 2
 * @param host               TCP host
 * @param tcpPort            TCP port
 * @param interFrameDelayMs  extra silence between frames on this bus, for slow devices
 * @param maxConnections     parallel TCP connections the endpoint accepts (1 for most devices)
 */
public record BusDefinition(String id, BusType type, String port, int baud, Parity parity, int stopBits, String host,
        int tcpPort, int interFrameDelayMs, int maxConnections) {

    public BusDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        parity = parity == null ? Parity.NONE : parity;
        maxConnections = Math.max(1, maxConnections);
    }

    /** Bits on the wire for one character: start + 8 data + parity + stop bits. */
    public int bitsPerCharacter() {
        return 1 + 8 + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }
}
