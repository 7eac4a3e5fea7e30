package org.cityedge.simulator;

/**
 * One request seen on a bus and what became of it.
 *
 * @param busId         bus
 * @param deviceId      addressed device, or null when no device has the unit id
 * @param unitId        unit id of the request
 * @param function      function code of the request (0 when the frame was too short to have one)
 * @param requestBytes  request frame (or ADU) length
 * @param replyBytes    bytes written in reply (0 when silent)
 * @param timing        the wire time waited out (RTU only; null on Modbus TCP)
 * @param receivedNanos {@link System#nanoTime()} when the request's first byte arrived
 * @param repliedNanos  {@link System#nanoTime()} right after the reply was written (= received when silent)
 * @param outcome       what happened
 */
public record Transaction(String busId, String deviceId, int unitId, int function, int requestBytes, int replyBytes,
        WireTiming timing, long receivedNanos, long repliedNanos, Outcome outcome) {

    /** What became of a request. */
    public enum Outcome {
        /** Normal reply. */
        REPLIED,
        /** Exception reply (by the request's content or by an exception fault). */
        EXCEPTION,
        /** Reply sent but mangled by a fault (corrupt CRC, truncated). */
        MANGLED,
        /** No reply because of a fault (no-answer, intermittent). */
        SILENCED,
        /** No reply: the frame's CRC was wrong. */
        CRC_ERROR,
        /** No reply (RTU) or exception 0x0B (TCP): no device with this unit id on the bus. */
        UNKNOWN_UNIT,
        /** Executed without reply: unit 0 write on an RTU bus. */
        BROADCAST
    }

    /** Time from the request's first byte until the reply was written. */
    public long measuredNanos() {
        return repliedNanos - receivedNanos;
    }
}
