package org.cityedge.modbus.internal.wire;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * j2mod's serial connection with a read timeout kept to the millisecond. jSerialComm 2.11 implements its read timeout
 * with termios VTIME on Linux, in steps of 100 ms: a 43 ms timeout waits 100 ms (measured: 120 ms per absent unit
 * id in a scan at 9600 bit/s, whatever the timeout below 100 ms). Here the first byte is awaited by polling the
 * input queue every {@value #POLL_MICROS} us up to the timeout; once bytes are there jSerialComm reads them at once.
 */
final class PreciseSerialConnection extends SerialConnection {

    private static final long POLL_MICROS = 500;

    PreciseSerialConnection(SerialParameters parameters) {
        super(parameters);
    }

    @Override
    public int readBytes(byte[] buffer, int count) {
        if (count > 0 && bytesAvailable() <= 0) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getTimeout());
            while (bytesAvailable() <= 0) {
                if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                    return 0; // what jSerialComm returns on a timeout: j2mod reports "cannot read"
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
            }
        }
        return super.readBytes(buffer, count);
    }
}
