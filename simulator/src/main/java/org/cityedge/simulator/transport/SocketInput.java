package org.cityedge.simulator.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** {@link TimedInput} over a socket, using its read timeout. */
final class SocketInput implements TimedInput {

    private final Socket socket;
    private final InputStream in;

    SocketInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    @Override
    public int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeoutMillis));
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }
}
