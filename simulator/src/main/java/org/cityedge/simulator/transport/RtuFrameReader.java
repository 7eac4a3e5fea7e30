package org.cityedge.simulator.transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.cityedge.simulator.modbus.RtuRequestLength;

/**
 * Splits an RTU byte stream into request frames by each function's length ({@link RtuRequestLength}), because on a
 * pty or TCP a frame arrives at once, without the timing a real line has. Silence is used only where length cannot
 * be: a function without a length rule, and resynchronising after a bad frame.
 */
final class RtuFrameReader {

    /** Longest RTU frame. */
    static final int MAX_FRAME = 256;
    /** How long the line must stay quiet to end a frame whose length is unknown. */
    static final long SILENCE_MILLIS = 20;
    /** How long the rest of a started frame may take before the frame is dropped as cut off. */
    static final long COMPLETE_MILLIS = 200;
    private static final long IDLE_POLL_MILLIS = 200;
    private static final long MAX_DRAIN_MILLIS = 1000;

    /**
     * One request frame.
     *
     * @param bytes          the frame, unit id to CRC
     * @param firstByteNanos when its first byte arrived
     * @param complete       false when the frame was cut off before its length was reached
     */
    record Frame(byte[] bytes, long firstByteNanos, boolean complete) {
    }

    private final TimedInput in;
    private final byte[] buf = new byte[2 * MAX_FRAME];
    private int n;
    private long firstNanos;

    RtuFrameReader(TimedInput in) {
        this.in = in;
    }

    /** The next frame, or null at the end of the stream or once {@code running} turns false. */
    Frame next(BooleanSupplier running) throws IOException {
        while (running.getAsBoolean()) {
            if (n == 0) {
                int r = in.read(buf, 0, buf.length, IDLE_POLL_MILLIS);
                if (r < 0) {
                    return null;
                }
                if (r == 0) {
                    continue;
                }
                firstNanos = System.nanoTime();
                n = r;
            }
            int expected = RtuRequestLength.of(buf, n);
            if (expected > 0 && expected <= MAX_FRAME && n >= expected) {
                return take(expected, true);
            }
            if (expected == RtuRequestLength.UNKNOWN || expected > MAX_FRAME || n >= MAX_FRAME) {
                drainUntilSilence(true);
                return take(Math.min(n, MAX_FRAME), true);
            }
            int r = in.read(buf, n, buf.length - n, COMPLETE_MILLIS);
            if (r < 0) {
                return null;
            }
            if (r == 0) {
                return take(n, false);
            }
            n += r;
        }
        return null;
    }

    /**
     * Reads until the line is quiet for {@link #SILENCE_MILLIS} (bounded). With {@code keep} the bytes become part of
     * the current frame; without, everything buffered is dropped: after a bad frame the following bytes cannot be
     * trusted to start a frame.
     */
    void drainUntilSilence(boolean keep) throws IOException {
        if (!keep) {
            n = 0;
        }
        byte[] scratch = new byte[MAX_FRAME];
        long deadline = System.nanoTime() + MAX_DRAIN_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            boolean store = keep && n < buf.length;
            int r = store ? in.read(buf, n, buf.length - n, SILENCE_MILLIS)
                    : in.read(scratch, 0, scratch.length, SILENCE_MILLIS);
            if (r <= 0) {
                return;
            }
            if (store) {
                n += r;
            }
        }
    }

    private Frame take(int length, boolean complete) {
        byte[] frame = Arrays.copyOf(buf, length);
        System.arraycopy(buf, length, buf, 0, n - length);
        n -= length;
        // Bytes left over arrived with this frame; the bus server also waits for its own reply to end.
        return new Frame(frame, firstNanos, complete);
    }
}
