package org.cityedge.modbus.internal.wire;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cityedge.api.site.BusDefinition;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * Modbus RTU on a serial port through j2mod's {@link SerialConnection} (jSerialComm underneath).
 *
 * <p>j2mod 3.3.0 timing, as read from its bytecode: a {@link ModbusSerialTransaction} sleeps a fixed
 * {@code transDelayMS} before each request if set, otherwise waits the rest of max(4 characters, 2 ms) since its own
 * previous success (1.75 ms above 19200 baud); after writing it sleeps about 1.7 times the request's transmission time,
 * which ends before the reply starts for normal turnarounds; the reply is read by length from the function code, each
 * byte waiting at most the timeout; failed tries are retried (default 5) after random 250-750 ms sleeps. Here each
 * transaction is a fresh object with retries = 1 and no transmit delay, so j2mod adds no inter-frame sleep at all: the
 * bus keeps the 3.5-character silence (plus configured extra delays) itself, with sub-millisecond precision.
 */
final class SerialRtuLink extends J2modLink {

    private final SerialConnection connection;
    private final String port;
    private int timeoutMs;

    private SerialRtuLink(SerialConnection connection, String port, int timeoutMs) {
        this.connection = connection;
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    static SerialRtuLink open(BusDefinition bus, int timeoutMs) throws LinkException {
        if (bus.port() == null || bus.port().isBlank()) {
            throw new LinkException(ErrorKind.IO, "bus " + bus.id() + " has no serial port");
        }
        if (bus.port().startsWith("/") && !Files.exists(Path.of(bus.port()))) {
            throw new LinkException(ErrorKind.IO, "serial port " + bus.port() + " does not exist");
        }
        SerialParameters parameters = new SerialParameters();
        parameters.setPortName(bus.port());
        parameters.setBaudRate(bus.baud() > 0 ? bus.baud() : 9600);
        parameters.setDatabits(8);
        parameters.setParity(switch (bus.parity()) {
            case EVEN -> AbstractSerialConnection.EVEN_PARITY;
            case ODD -> AbstractSerialConnection.ODD_PARITY;
            default -> AbstractSerialConnection.NO_PARITY;
        });
        parameters.setStopbits(bus.stopBits() == 2 ? AbstractSerialConnection.TWO_STOP_BITS
                : AbstractSerialConnection.ONE_STOP_BIT);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        try {
            return openWith(parameters, bus.port(), timeoutMs);
        } catch (Exception first) {
            // jSerialComm 2.11 cannot reopen a pty it once opened with parity (EINVAL) until the port's termios is
            // rewritten; a plain open and close at default settings does that. Harmless on a real adapter.
            resetTermios(bus.port());
            try {
                return openWith(parameters, bus.port(), timeoutMs);
            } catch (Exception e) {
                throw new LinkException(ErrorKind.IO, 0, "cannot open " + bus.port() + ": " + brief(e), e);
            }
        }
    }

    private static SerialRtuLink openWith(SerialParameters parameters, String port, int timeoutMs) throws Exception {
        SerialConnection connection = new PreciseSerialConnection(parameters);
        try {
            connection.setTimeout(timeoutMs);
            connection.open();
            connection.getModbusTransport().setTimeout(timeoutMs);
            return new SerialRtuLink(connection, port, timeoutMs);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    private static void resetTermios(String port) {
        SerialPort raw = SerialPort.getCommPort(port);
        if (raw.openPort()) {
            raw.closePort();
        }
    }

    @Override
    protected ModbusResponse execute(ModbusRequest request, int timeout) throws ModbusException {
        if (timeout != timeoutMs) {
            connection.setTimeout(timeout);
            connection.getModbusTransport().setTimeout(timeout);
            timeoutMs = timeout;
        }
        ModbusSerialTransaction transaction = new ModbusSerialTransaction(connection);
        transaction.setRetries(1);
        transaction.setTransDelayMS(0);
        transaction.setRequest(request);
        transaction.execute();
        return transaction.getResponse();
    }

    @Override
    protected LinkException classify(Exception failure, long elapsedNanos, int timeout) {
        String text = text(failure);
        ErrorKind kind;
        if (text.contains("crc")) {
            kind = ErrorKind.CRC;
        } else if (!isUsable() || text.contains("not open") || text.contains("cannot open")) {
            kind = ErrorKind.IO;
        } else if (text.contains("cannot read") || text.contains("timeout") || text.contains("error reading")) {
            // an empty read is how j2mod reports a timeout; one that came back early is a failing port
            kind = elapsedNanos >= timeout * 800_000L ? ErrorKind.TIMEOUT : ErrorKind.IO;
        } else {
            kind = ErrorKind.IO;
        }
        return new LinkException(kind, 0, port + ": " + brief(failure), failure);
    }

    @Override
    protected void afterFailure(ErrorKind kind) {
        // j2mod clears the input buffer before every request, so a late reply cannot be mistaken for the next one
    }

    @Override
    public boolean isUsable() {
        return connection.isOpen() && (!port.startsWith("/") || Files.exists(Path.of(port)));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            // closing a vanished port may fail inside jSerialComm; the port is gone either way
        }
    }

    @Override
    public String toString() {
        return "serial " + port;
    }
}
