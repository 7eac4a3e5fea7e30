package org.cityedge.modbus.internal.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.cityedge.api.site.BusDefinition;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;

/**
 * Modbus TCP, or RTU frames over TCP (serial device servers), on one j2mod {@link TCPMasterConnection}. j2mod's
 * transaction would retry up to 5 times with random 250-750 ms sleeps and reconnect by itself: retries are set to 1 and
 * reconnection is ours (after a timeout or I/O error the socket is closed, so a late reply can never be taken for the
 * answer to the next request, and the bus opens a new link).
 */
final class TcpLink extends J2modLink {

    private final TCPMasterConnection connection;
    private final ModbusTCPTransaction transaction;
    private final String endpoint;
    private int timeoutMs;

    private TcpLink(TCPMasterConnection connection, String endpoint, int timeoutMs) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.timeoutMs = timeoutMs;
        this.transaction = new ModbusTCPTransaction(connection);
        transaction.setRetries(1);
        transaction.setReconnecting(false);
    }

    static TcpLink open(BusDefinition bus, boolean rtuFraming, int timeoutMs) throws LinkException {
        String endpoint = bus.host() + ":" + bus.tcpPort();
        try {
            TCPMasterConnection connection = new TCPMasterConnection(InetAddress.getByName(bus.host()));
            connection.setPort(bus.tcpPort());
            connection.setTimeout(timeoutMs);
            connection.setUseRtuOverTcp(rtuFraming);
            connection.connect(rtuFraming);
            return new TcpLink(connection, endpoint, timeoutMs);
        } catch (UnknownHostException e) {
            throw new LinkException(ErrorKind.IO, 0, "unknown host " + bus.host(), e);
        } catch (Exception e) {
            throw new LinkException(ErrorKind.IO, 0, "cannot connect to " + endpoint + ": " + brief(e), e);
        }
    }

    @Override
    protected ModbusResponse execute(ModbusRequest request, int timeout) throws ModbusException {
        if (timeout != timeoutMs) {
            connection.setTimeout(timeout);
            timeoutMs = timeout;
        }
        transaction.setRequest(request);
        transaction.execute();
        return transaction.getResponse();
    }

    @Override
    protected LinkException classify(Exception failure, long elapsedNanos, int timeout) {
        String text = text(failure);
        ErrorKind kind = text.contains("timeout") || text.contains("timed out") ? ErrorKind.TIMEOUT
                : text.contains("crc") ? ErrorKind.CRC : ErrorKind.IO;
        return new LinkException(kind, 0, endpoint + ": " + brief(failure), failure);
    }

    @Override
    protected void afterFailure(ErrorKind kind) {
        close();
    }

    @Override
    public boolean isUsable() {
        return connection.isConnected();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "tcp " + endpoint;
    }
}
