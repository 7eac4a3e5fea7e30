package org.cityedge.modbus.internal.wire;

import org.cityedge.api.site.BusDefinition;

/** Opens links to buses; the seam where tests and the engine meet the wire. */
@FunctionalInterface
public interface LinkFactory {

    /** Opens a new link to the bus, waiting at most {@code timeoutMs}. */
    ModbusLink open(BusDefinition bus, int timeoutMs) throws LinkException;
}
