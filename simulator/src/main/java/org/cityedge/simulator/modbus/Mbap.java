package org.cityedge.simulator.modbus;

/**
 * The 7-byte Modbus TCP (MBAP) header: transaction id, protocol id (0), length of unit id + PDU, unit id.
 *
 * @param transactionId echoed in the reply
 * @param protocolId    0 for Modbus
 * @param length        bytes following the length field (unit id + PDU)
 * @param unitId        addressed unit
 */
public record Mbap(int transactionId, int protocolId, int length, int unitId) {

    public static final int HEADER_LENGTH = 7;
    /** Largest PDU (253) plus the unit id. */
    public static final int MAX_LENGTH = 254;

    /** Parses the first 7 bytes of {@code header}. */
    public static Mbap parse(byte[] header) {
        return new Mbap(u16(header, 0), u16(header, 2), u16(header, 4), header[6] & 0xFF);
    }

    /** True when the header can start a Modbus request. */
    public boolean valid() {
        return protocolId == 0 && length >= 2 && length <= MAX_LENGTH;
    }

    /** A full ADU: this header's ids with {@code pdu}, the length field computed from the PDU. */
    public byte[] frame(int protocol, byte[] pdu) {
        byte[] adu = new byte[HEADER_LENGTH + pdu.length];
        put16(adu, 0, transactionId);
        put16(adu, 2, protocol);
        put16(adu, 4, pdu.length + 1);
        adu[6] = (byte) unitId;
        System.arraycopy(pdu, 0, adu, HEADER_LENGTH, pdu.length);
        return adu;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
