package org.cityedge.modbus.internal.plan;

import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.BusDefinition;

/**
 * What one read request costs on a bus, in bytes on the wire, so the planner can decide whether reading a gap between
 * two points is cheaper than sending another request.
 *
 * @param overheadBytes fixed cost of a request whatever it reads: framing, silences, turnaround, round trip
 */
public record RequestCost(double overheadBytes) {

    /** RTU request frame for a read: unit, function, start (2), count (2), CRC (2). */
    static final int RTU_REQUEST_BYTES = 8;
    /** RTU reply around the data: unit, function, byte count, CRC (2). */
    static final int RTU_REPLY_HEADER_BYTES = 5;
    /** Silence before the request and before the reply, 3.5 characters each. */
    static final double RTU_SILENCE_CHARACTERS = 2 * 3.5;

    public RequestCost {
        if (overheadBytes < 0 || Double.isNaN(overheadBytes)) {
            throw new IllegalArgumentException("request overhead must be >= 0, was " + overheadBytes);
        }
    }

    /**
     * Modbus RTU (serial or over TCP): request frame + reply header/CRC + two 3.5-character silences + the device's
     * turnaround and any extra inter-frame delay, both converted to characters at the bus's baud rate.
     */
    public static RequestCost rtu(BusDefinition bus, DeviceLimits limits, double turnaroundMs, double extraDelayMs) {
        double charactersPerMs = charactersPerMs(bus);
        double delays = turnaroundMs + bus.interFrameDelayMs() + limits.interFrameDelayMs() + extraDelayMs;
        return new RequestCost(RTU_REQUEST_BYTES + RTU_REPLY_HEADER_BYTES + RTU_SILENCE_CHARACTERS
                + delays * charactersPerMs);
    }

    /** Modbus TCP: a fixed cost per request (headers and the round trip, which dominates on a LAN). */
    public static RequestCost tcp(double fixedBytes) {
        return new RequestCost(fixedBytes);
    }

    /** Characters per millisecond on a serial bus (9600 baud 8N1: 0.96). */
    public static double charactersPerMs(BusDefinition bus) {
        int baud = bus.baud() > 0 ? bus.baud() : 9600;
        return baud / (double) bus.bitsPerCharacter() / 1000.0;
    }

    /** Bytes one more address of the table costs in the reply: 2 per register, 1/8 per bit. */
    public static double bytesPerAddress(RegisterTable table) {
        return table.isBits() ? 1.0 / 8 : 2.0;
    }
}
