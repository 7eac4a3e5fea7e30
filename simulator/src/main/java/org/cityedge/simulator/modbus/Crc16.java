package org.cityedge.simulator.modbus;

/** The Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial value 0xFFFF), sent low byte first. */
public final class Crc16 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16() {
    }

    /** The CRC of {@code len} bytes of {@code data} from {@code off}. */
    public static int of(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** True when the last two of the first {@code len} bytes are the CRC of the bytes before them. */
    public static boolean matches(byte[] frame, int len) {
        if (len < 3) {
            return false;
        }
        int crc = of(frame, 0, len - 2);
        return (frame[len - 2] & 0xFF) == (crc & 0xFF) && (frame[len - 1] & 0xFF) == (crc >>> 8);
    }

    /** {@code body} followed by its CRC, low byte first. */
    public static byte[] append(byte[] body) {
        byte[] frame = new byte[body.length + 2];
        System.arraycopy(body, 0, frame, 0, body.length);
        int crc = of(body, 0, body.length);
        frame[body.length] = (byte) crc;
        frame[body.length + 1] = (byte) (crc >>> 8);
        return frame;
    }
}
