package org.cityedge.simulator;

import java.nio.file.Path;

import org.cityedge.api.site.BusType;

/**
 * Where a simulated bus is served.
 *
 * @param busId     bus id
 * @param type      bus type
 * @param host      TCP host (TCP types), else null
 * @param port      TCP port (TCP types), else 0
 * @param path      the serial path a master opens (SERIAL), else null
 * @param describe  one line for people, e.g. {@code RTU 9600 8E1 on /tmp/cityedge-demo/rs485-1}
 */
public record Endpoint(String busId, BusType type, String host, int port, Path path, String describe) {

    @Override
    public String toString() {
        return "bus " + busId + ": " + describe;
    }
}
