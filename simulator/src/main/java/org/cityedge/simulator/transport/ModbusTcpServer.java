package org.cityedge.simulator.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedBus;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Transaction;
import org.cityedge.simulator.Transaction.Outcome;
import org.cityedge.simulator.modbus.ExceptionCode;
import org.cityedge.simulator.modbus.Mbap;

/**
 * Modbus TCP (MBAP). Replies are immediate unless a fault delays them. A unit id not on the bus gets exception 0x0B
 * (gateway target device failed to respond), as from a Modbus TCP gateway, so a master can tell an absent unit from a
 * dead endpoint; a header that is not Modbus closes the connection.
 */
public final class ModbusTcpServer extends TcpBusServer {

    public ModbusTcpServer(SimulatedBus bus) {
        super(bus);
    }

    @Override
    String protocol() {
        return "Modbus TCP";
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (running()) {
            byte[] header = in.readNBytes(Mbap.HEADER_LENGTH);
            if (header.length < Mbap.HEADER_LENGTH) {
                return;
            }
            long received = System.nanoTime();
            Mbap mbap = Mbap.parse(header);
            if (!mbap.valid()) {
                bus.countFramingError();
                return;
            }
            byte[] pdu = in.readNBytes(mbap.length() - 1);
            if (pdu.length < mbap.length() - 1) {
                bus.countFramingError();
                return;
            }
            int function = pdu[0] & 0xFF;
            int requestBytes = Mbap.HEADER_LENGTH + pdu.length;
            SimulatedDevice device = bus.unit(mbap.unitId()).orElse(null);
            if (device == null) {
                byte[] adu = mbap.frame(0, ExceptionCode.reply(function, ExceptionCode.GATEWAY_TARGET_FAILED));
                out.write(adu);
                bus.record(new Transaction(bus.id(), null, mbap.unitId(), function, requestBytes, adu.length, null,
                        received, System.nanoTime(), Outcome.UNKNOWN_UNIT));
                continue;
            }
            SimulatedDevice.Answer answer = device.answer(pdu);
            if (answer.silent()) {
                bus.record(new Transaction(bus.id(), device.id(), mbap.unitId(), function, requestBytes, 0, null,
                        received, received, answer.outcome()));
                continue;
            }
            PreciseWait.until(received + answer.extraNanos());
            byte[] adu = mangle(mbap, answer);
            out.write(adu);
            out.flush();
            bus.record(new Transaction(bus.id(), device.id(), mbap.unitId(), function, requestBytes, adu.length, null,
                    received, System.nanoTime(), answer.outcome()));
        }
    }

    /** TCP has no CRC: corrupt-crc sends a protocol id other than 0; truncated cuts the PDU in half. */
    private static byte[] mangle(Mbap mbap, SimulatedDevice.Answer answer) {
        if (answer.fault() instanceof Fault.CorruptCrc) {
            return mbap.frame(0xFFFF, answer.pdu());
        }
        byte[] adu = mbap.frame(0, answer.pdu());
        if (answer.fault() instanceof Fault.Truncated) {
            return Arrays.copyOf(adu, Mbap.HEADER_LENGTH + Math.max(1, answer.pdu().length / 2));
        }
        return adu;
    }
}
