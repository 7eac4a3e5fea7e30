package org.cityedge.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HexFormat;

import org.cityedge.simulator.modbus.Crc16;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A minimal RTU master on a serial path, opened with jSerialComm as the gateway opens its RS-485 adapter. It keeps
 * the raw reply bytes, so tests can see corrupt CRCs and truncated frames a library would hide.
 */
public final class RtuMaster implements AutoCloseable {

    /** Quiet time after the last byte that ends a reply. */
    private static final long END_OF_REPLY_NANOS = 30_000_000;

    private final SerialPort port;

    /**
     * A reply as seen by the master.
     *
     * @param bytes        what arrived (empty on timeout)
     * @param elapsedNanos from the request's write to the last reply byte
     */
    public record Reply(byte[] bytes, long elapsedNanos) {
        public boolean timedOut() {
            return bytes.length == 0;
        }

        public boolean crcOk() {
            return Crc16.matches(bytes, bytes.length);
        }

        /** The PDU (without unit id and CRC) of a good reply. */
        public byte[] pdu() {
            return java.util.Arrays.copyOfRange(bytes, 1, bytes.length - 2);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes) + " after " + elapsedNanos / 1e6 + " ms";
        }
    }

    public RtuMaster(Path path, int baud, int parity) {
        port = SerialPort.getCommPort(path.toString());
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, parity);
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open " + path + ": error " + port.getLastErrorCode());
        }
    }

    /** Sends unit id + PDU with its CRC and collects the reply. */
    public Reply request(int unit, String pduHex, long timeoutMillis) {
        byte[] pdu = HexFormat.of().parseHex(pduHex.replace(" ", ""));
        byte[] body = new byte[pdu.length + 1];
        body[0] = (byte) unit;
        System.arraycopy(pdu, 0, body, 1, pdu.length);
        return raw(Crc16.append(body), timeoutMillis);
    }

    /** Sends bytes as they are and collects the reply. */
    public Reply raw(byte[] frame, long timeoutMillis) {
        drain();
        long sent = System.nanoTime();
        port.writeBytes(frame, frame.length);
        long deadline = sent + timeoutMillis * 1_000_000;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long last = sent;
        byte[] buf = new byte[256];
        while (true) {
            long now = System.nanoTime();
            if (got.size() == 0 ? now > deadline : now - last > END_OF_REPLY_NANOS) {
                break;
            }
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                last = System.nanoTime();
                got.write(buf, 0, n);
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
        return new Reply(got.toByteArray(), got.size() == 0 ? now() - sent : last - sent);
    }

    private static long now() {
        return System.nanoTime();
    }

    private void drain() {
        byte[] buf = new byte[256];
        for (int i = 0; i < 100 && port.readBytes(buf, buf.length) > 0; i++) {
            // stale bytes of an earlier reply
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
