package org.cityedge.simulator;

/**
 * The time an RTU transaction takes on a real serial line, which the simulator waits out before its reply is
 * complete: request on the wire, 3.5 characters of silence, the device's turnaround, reply on the wire. Above
 * 19200 bit/s the silence is the fixed 1.75 ms the Modbus serial line specification prescribes.
 *
 * @param baud             bit/s
 * @param bitsPerCharacter start + data + parity + stop bits
 * @param requestBytes     request frame length
 * @param replyBytes       reply frame length (0 when there is no reply)
 * @param requestNanos     request on the wire
 * @param silenceNanos     inter-frame silence (3.5 characters)
 * @param turnaroundNanos  the device's processing time
 * @param replyNanos       reply on the wire
 * @param extraNanos       delay added by a fault ({@link Fault.Slow}), not part of {@link #boundNanos()}
 */
public record WireTiming(int baud, int bitsPerCharacter, int requestBytes, int replyBytes, long requestNanos,
        long silenceNanos, long turnaroundNanos, long replyNanos, long extraNanos) {

    private static final long FIXED_SILENCE_NANOS = 1_750_000;

    /** The timing of a transaction of these frame lengths. */
    public static WireTiming of(int baud, int bitsPerCharacter, int requestBytes, int replyBytes,
            long turnaroundNanos, long extraNanos) {
        double charNanos = bitsPerCharacter * 1e9 / baud;
        long silence = baud > 19200 ? FIXED_SILENCE_NANOS : Math.round(3.5 * charNanos);
        return new WireTiming(baud, bitsPerCharacter, requestBytes, replyBytes, Math.round(requestBytes * charNanos),
                silence, turnaroundNanos, Math.round(replyBytes * charNanos), extraNanos);
    }

    /** The least time from the request's first byte to the end of the reply on a real line. */
    public long boundNanos() {
        return requestNanos + silenceNanos + turnaroundNanos + replyNanos;
    }

    /** What the simulator waits from the request's first byte until it writes the reply. */
    public long totalNanos() {
        return boundNanos() + extraNanos;
    }
}
