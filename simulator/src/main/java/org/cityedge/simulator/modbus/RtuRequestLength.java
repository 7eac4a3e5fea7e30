package org.cityedge.simulator.modbus;

/**
 * Delimits RTU request frames by their function's length instead of by silence: on a pty (and over TCP) a whole
 * request arrives at once, so the 3.5-character gap a real device listens for does not exist.
 */
public final class RtuRequestLength {

    /** More bytes are needed before the length is known. */
    public static final int NEED_MORE = -1;
    /** The function code has no length rule here; the caller falls back to waiting for silence. */
    public static final int UNKNOWN = -2;

    private RtuRequestLength() {
    }

    /**
     * The total length (unit id to CRC) of the request frame starting at {@code frame[0]}, knowing {@code available}
     * bytes of it; {@link #NEED_MORE} or {@link #UNKNOWN}.
     */
    public static int of(byte[] frame, int available) {
        if (available < 2) {
            return NEED_MORE;
        }
        int function = frame[1] & 0xFF;
        switch (function) {
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08:
                return 8;
            case 0x07, 0x0B, 0x0C, 0x11:
                return 4;
            case 0x0F, 0x10:
                return available < 7 ? NEED_MORE : 9 + (frame[6] & 0xFF);
            case 0x14, 0x15:
                return available < 3 ? NEED_MORE : 5 + (frame[2] & 0xFF);
            case 0x16:
                return 10;
            case 0x17:
                return available < 11 ? NEED_MORE : 13 + (frame[10] & 0xFF);
            case 0x18:
                return 6;
            case 0x2B:
                return 7;
            default:
                return UNKNOWN;
        }
    }
}
