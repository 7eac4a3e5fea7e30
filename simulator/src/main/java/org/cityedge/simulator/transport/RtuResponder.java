package org.cityedge.simulator.transport;

import java.io.IOException;
import java.util.Arrays;

import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedBus;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Transaction;
import org.cityedge.simulator.Transaction.Outcome;
import org.cityedge.simulator.WireTiming;
import org.cityedge.simulator.modbus.Crc16;
import org.cityedge.simulator.modbus.FunctionCode;
import org.cityedge.simulator.modbus.RequestProcessor;

/**
 * Answers RTU request frames for one bus (a serial line, or the line behind a serial device server) as its devices
 * would: silent for a bad CRC, an absent unit or a broadcast, and otherwise only after the wire time of the whole
 * transaction has passed. One line carries one transaction at a time, so frames are served one after the other.
 */
final class RtuResponder {

    /** Where the reply frame goes. */
    interface FrameWriter {
        void write(byte[] frame) throws IOException;
    }

    private final SimulatedBus bus;
    private final int baud;
    private final int bitsPerCharacter;
    private final long turnaroundNanos;
    private long busyUntilNanos;

    RtuResponder(SimulatedBus bus, int baud, int bitsPerCharacter, long turnaroundNanos) {
        this.bus = bus;
        this.baud = baud;
        this.bitsPerCharacter = bitsPerCharacter;
        this.turnaroundNanos = turnaroundNanos;
    }

    /**
     * Serves one frame.
     *
     * @return false when the frame was bad and the reader should resynchronise on silence
     */
    synchronized boolean serve(RtuFrameReader.Frame frame, FrameWriter out) throws IOException {
        byte[] b = frame.bytes();
        if (!frame.complete()) {
            bus.countFramingError();
            return false;
        }
        int unit = b[0] & 0xFF;
        int function = b.length > 1 ? b[1] & 0xFF : 0;
        // The line is busy until our previous reply ended: a request queued behind it starts after that.
        long start = Math.max(frame.firstByteNanos(), busyUntilNanos);
        if (!Crc16.matches(b, b.length)) {
            bus.record(new Transaction(bus.id(), null, unit, function, b.length, 0, null, start, start,
                    Outcome.CRC_ERROR));
            return false;
        }
        byte[] pdu = Arrays.copyOfRange(b, 1, b.length - 2);
        if (unit == 0) {
            broadcast(pdu, function);
            bus.record(new Transaction(bus.id(), null, 0, function, b.length, 0, null, start, start,
                    Outcome.BROADCAST));
            return true;
        }
        SimulatedDevice device = bus.unit(unit).orElse(null);
        if (device == null) {
            bus.record(new Transaction(bus.id(), null, unit, function, b.length, 0, null, start, start,
                    Outcome.UNKNOWN_UNIT));
            return true;
        }
        SimulatedDevice.Answer answer = device.answer(pdu);
        if (answer.silent()) {
            bus.record(new Transaction(bus.id(), device.id(), unit, function, b.length, 0, null, start, start,
                    answer.outcome()));
            return true;
        }
        byte[] body = new byte[answer.pdu().length + 1];
        body[0] = (byte) unit;
        System.arraycopy(answer.pdu(), 0, body, 1, answer.pdu().length);
        byte[] reply = mangle(Crc16.append(body), answer.fault());
        WireTiming timing = WireTiming.of(baud, bitsPerCharacter, b.length, reply.length, turnaroundNanos,
                answer.extraNanos());
        PreciseWait.until(start + timing.totalNanos());
        out.write(reply);
        long replied = System.nanoTime();
        busyUntilNanos = replied;
        bus.record(new Transaction(bus.id(), device.id(), unit, function, b.length, reply.length, timing, start,
                replied, answer.outcome()));
        return true;
    }

    /** Unit 0: every device executes the write, none answers (devices made dead by a fault ignore it). */
    private void broadcast(byte[] pdu, int function) {
        if (!FunctionCode.isWrite(function)) {
            return;
        }
        for (SimulatedDevice d : bus.devices()) {
            if (!(d.fault() instanceof Fault.NoAnswer)) {
                RequestProcessor.process(pdu, d.model());
            }
        }
    }

    /** Applies a byte-level fault to a finished reply frame. */
    static byte[] mangle(byte[] frame, Fault fault) {
        if (fault instanceof Fault.CorruptCrc) {
            byte[] bad = frame.clone();
            bad[bad.length - 1] ^= (byte) 0xA5;
            bad[bad.length - 2] ^= (byte) 0x5A;
            return bad;
        }
        if (fault instanceof Fault.Truncated) {
            return Arrays.copyOf(frame, Math.max(2, frame.length / 2));
        }
        return frame;
    }
}
