package org.cityedge.api.field;

import java.util.List;
import java.util.Objects;

/**
 * A scan of consecutive IPv4 hosts for Modbus TCP devices, for commissioning devices that are not on the site yet.
 *
 * @param firstHost first IPv4 address, e.g. {@code 10.20.0.10}
 * @param lastHost  last IPv4 address (inclusive), at most {@link #MAX_HOSTS} after the first
 * @param port      TCP port, normally 502
 * @param unitIds   unit ids to ask on each host that accepts a connection (a TCP device usually answers 1 or 255;
 *                  a gateway to an RS-485 segment answers several); empty means {@code [1, 255]}
 * @param timeoutMs connect and response timeout per host and unit id
 */
public record HostScanRequest(String firstHost, String lastHost, int port, List<Integer> unitIds, int timeoutMs) {

    /** The largest range one request may cover (a /22): a scan is a commissioning step, not a network sweep. */
    public static final int MAX_HOSTS = 1024;

    public HostScanRequest {
        Objects.requireNonNull(firstHost, "firstHost");
        Objects.requireNonNull(lastHost, "lastHost");
        unitIds = unitIds == null || unitIds.isEmpty() ? List.of(1, 255) : List.copyOf(unitIds);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not within 1..65535");
        }
        for (int unit : unitIds) {
            if (unit < 0 || unit > 255) {
                throw new IllegalArgumentException("unit id " + unit + " is not within 0..255");
            }
        }
    }
}
