package org.cityedge.simulator.transport;

import java.io.IOException;

import org.cityedge.simulator.Endpoint;

/** Serves one bus. */
public interface BusServer extends AutoCloseable {

    /** Starts serving; returns once a master can connect. */
    Endpoint start() throws IOException;

    /** Stops serving and releases every thread, socket and process it started. Idempotent. */
    @Override
    void close();
}
