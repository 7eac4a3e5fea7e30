package org.cityedge.simulator.transport;

import java.io.IOException;

/** A byte source whose reads give up after a timeout, so a framer can see silence on the line. */
interface TimedInput {

    /** Reads what is there (at least one byte), waiting up to {@code timeoutMillis}; 0 on timeout, -1 at end. */
    int read(byte[] b, int off, int len, long timeoutMillis) throws IOException;
}
