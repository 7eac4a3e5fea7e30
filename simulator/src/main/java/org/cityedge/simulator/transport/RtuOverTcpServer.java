package org.cityedge.simulator.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

import org.cityedge.simulator.SimulatedBus;

/**
 * Modbus RTU frames over TCP, as from a serial device server: the devices sit on a serial line behind it, so
 * replies wait out that line's wire time (the bus's baud, 9600 when the site gives none) and every connection
 * shares the one line.
 */
public final class RtuOverTcpServer extends TcpBusServer {

    private final RtuResponder responder;

    public RtuOverTcpServer(SimulatedBus bus, long turnaroundNanos) {
        super(bus);
        this.responder = new RtuResponder(bus, SerialPtyServer.baud(bus.definition()),
                bus.definition().bitsPerCharacter(), turnaroundNanos);
    }

    @Override
    String protocol() {
        return "RTU over TCP (" + SerialPtyServer.baud(bus.definition()) + " "
                + SerialPtyServer.lineSettings(bus.definition()) + " line)";
    }

    @Override
    void serve(Socket socket) throws IOException {
        RtuFrameReader reader = new RtuFrameReader(new SocketInput(socket));
        OutputStream out = socket.getOutputStream();
        RtuFrameReader.Frame frame;
        while ((frame = reader.next(this::running)) != null) {
            if (!responder.serve(frame, bytes -> {
                out.write(bytes);
                out.flush();
            })) {
                reader.drainUntilSilence(false);
            }
        }
    }
}
