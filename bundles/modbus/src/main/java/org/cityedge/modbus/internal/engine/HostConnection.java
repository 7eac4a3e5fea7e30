package org.cityedge.modbus.internal.engine;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;
import org.cityedge.modbus.internal.wire.LinkFactory;
import org.cityedge.modbus.internal.wire.ModbusLink;

/**
 * A host scan's connection to one host: opened at the first transaction, opened again after a failure closed it (a
 * timed-out request closes the socket, so that a late reply is never read as the next answer). A host that refuses
 * the connection or does not accept it within the timeout fails with {@link ErrorKind#BUS_DOWN}: nothing more to ask
 * there. {@link #close()} may be called from another thread to cut a wait short.
 */
final class HostConnection implements UnitProbe.Wire, AutoCloseable {

    private final LinkFactory links;
    private final BusDefinition endpoint;
    private final int connectTimeoutMs;
    private volatile ModbusLink link;
    private volatile boolean closed;

    HostConnection(LinkFactory links, BusDefinition endpoint, int connectTimeoutMs) {
        this.links = links;
        this.endpoint = endpoint;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public <T> T transact(int timeoutMs, BusLine.Transaction<T> transaction) throws LinkException {
        ModbusLink current = link;
        if (current == null || !current.isUsable()) {
            current = open();
        }
        return transaction.run(current);
    }

    private ModbusLink open() throws LinkException {
        closeLink();
        if (closed) {
            throw new LinkException(ErrorKind.BUS_DOWN, "host scan stopped");
        }
        try {
            link = links.open(endpoint, connectTimeoutMs);
        } catch (LinkException | RuntimeException e) {
            throw new LinkException(ErrorKind.BUS_DOWN, 0, e.getMessage(), e);
        }
        if (closed) { // closed while connecting: do not leave the socket open
            closeLink();
            throw new LinkException(ErrorKind.BUS_DOWN, "host scan stopped");
        }
        return link;
    }

    private void closeLink() {
        ModbusLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeLink();
    }
}
