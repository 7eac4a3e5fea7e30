package org.cityedge.modbus.internal.scan;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;

/**
 * How long a scan waits for a unit id, from the line's speed. A unit is first asked with the request whose answer is
 * shortest (read one holding register: an 8-byte request, a 7-byte reply or a 5-byte exception), so the wait for an
 * absent unit covers only: the 3.5-character silence that ends the request, the device's turnaround, a short reply and
 * the chunking latency of USB serial adapters. At 9600 8E1 that is 42 ms.
 */
public final class ScanTiming {

    /** Unit id, function 3, address, quantity, CRC. */
    public static final int PROBE_REQUEST_BYTES = 8;
    /** Unit id, function 3, byte count, one register, CRC. */
    static final int PROBE_REPLY_BYTES = 7;
    /** A slow field device takes this long to start its reply (most take under 10 ms). */
    static final double TURNAROUND_ALLOWANCE_MS = 20;
    /** USB serial adapters hand received bytes over in chunks (FTDI's latency timer: up to 16 ms, often less). */
    static final double ADAPTER_LATENCY_MS = 10;
    /** A known-present unit's identification reply may be long: wait for this many more bytes. */
    static final int LONG_REPLY_BYTES = 128;
    static final int TCP_TIMEOUT_MS = 250;
    /** A host scan's connect and answer timeout when the request gives none: a LAN host answers well within it. */
    public static final int HOST_SCAN_TIMEOUT_MS = 300;
    /** The longest timeout a host scan accepts, so that a scan of many hosts stays bounded. */
    public static final int HOST_SCAN_MAX_TIMEOUT_MS = 10_000;
    static final int RTU_OVER_TCP_NETWORK_MS = 50;

    private ScanTiming() {
    }

    /** Time of one character on the line, in ms (9600 bit/s when the line gives none). */
    public static double characterMs(BusDefinition line) {
        int baud = line.baud() > 0 ? line.baud() : 9600;
        return line.bitsPerCharacter() * 1000.0 / baud;
    }

    /** The default absent-unit timeout, counted from the end of the request. */
    public static int defaultTimeoutMs(BusDefinition line) {
        return switch (line.type()) {
            case SERIAL -> serialTimeoutMs(line);
            case RTU_OVER_TCP -> serialTimeoutMs(line) + RTU_OVER_TCP_NETWORK_MS;
            default -> TCP_TIMEOUT_MS;
        };
    }

    private static int serialTimeoutMs(BusDefinition line) {
        double silence = line.baud() > 19200 ? 1.75 : 3.5 * characterMs(line);
        return (int) Math.ceil(silence + PROBE_REPLY_BYTES * characterMs(line) + TURNAROUND_ALLOWANCE_MS
                + ADAPTER_LATENCY_MS);
    }

    /** Timeout of the identification requests to a unit that answered: room for a long reply. */
    public static int identifyTimeoutMs(BusDefinition line, int timeoutMs) {
        return line.type() == BusType.TCP ? 2 * timeoutMs
                : timeoutMs + (int) Math.ceil(LONG_REPLY_BYTES * characterMs(line));
    }

    /** Silence before each request on a serial line: 3.5 characters (1.75 ms above 19200 bit/s) and the bus's delay. */
    public static long silenceNanos(BusDefinition line) {
        if (line.type() == BusType.TCP) {
            return 0;
        }
        double ms = line.baud() > 19200 ? 1.75 : 3.5 * characterMs(line);
        return Math.round(ms * 1e6) + line.interFrameDelayMs() * 1_000_000L;
    }

    /** The physical floor of an absent unit id: the probe request on the wire, then the timeout. */
    public static double absentFloorMs(BusDefinition line, int timeoutMs) {
        double request = line.type() == BusType.TCP ? 0 : PROBE_REQUEST_BYTES * characterMs(line);
        return request + timeoutMs;
    }
}
