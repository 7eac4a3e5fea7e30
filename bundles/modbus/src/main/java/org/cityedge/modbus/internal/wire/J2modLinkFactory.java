package org.cityedge.modbus.internal.wire;

import org.cityedge.api.site.BusDefinition;

/** Links through j2mod: RTU over a serial port (jSerialComm), Modbus TCP, and RTU framing over TCP. */
public final class J2modLinkFactory implements LinkFactory {

    @Override
    public ModbusLink open(BusDefinition bus, int timeoutMs) throws LinkException {
        return switch (bus.type()) {
            case SERIAL -> SerialRtuLink.open(bus, timeoutMs);
            case TCP -> TcpLink.open(bus, false, timeoutMs);
            case RTU_OVER_TCP -> TcpLink.open(bus, true, timeoutMs);
            case COAP, GPIO -> throw new IllegalArgumentException("not a Modbus bus: " + bus.id());
        };
    }
}
