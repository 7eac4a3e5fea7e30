package org.cityedge.simulator.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.SimulatedBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial bus: socat makes a pty pair whose master-facing link is the port path of the site file; the simulator
 * reads and writes the {@code .sim} end as a plain file (socat already set both ends raw, so no termios is needed).
 */
public final class SerialPtyServer implements BusServer {

    private static final Logger LOG = LoggerFactory.getLogger(SerialPtyServer.class);

    private final SimulatedBus bus;
    private final RtuResponder responder;
    private volatile boolean running;
    private SocatPty pty;
    private FileInputStream in;
    private FileOutputStream out;
    private StreamPump pump;
    private Thread thread;

    public SerialPtyServer(SimulatedBus bus, long turnaroundNanos) {
        this.bus = bus;
        BusDefinition b = bus.definition();
        this.responder = new RtuResponder(bus, baud(b), b.bitsPerCharacter(), turnaroundNanos);
    }

    static int baud(BusDefinition b) {
        return b.baud() > 0 ? b.baud() : 9600;
    }

    @Override
    public synchronized Endpoint start() throws IOException {
        BusDefinition b = bus.definition();
        pty = SocatPty.open(Path.of(b.port()));
        try {
            in = new FileInputStream(pty.simEnd().toFile());
            out = new FileOutputStream(pty.simEnd().toFile());
        } catch (IOException e) {
            close();
            throw e;
        }
        pump = new StreamPump(in, "sim-" + bus.id() + "-pty-reader");
        running = true;
        thread = new Thread(this::serve, "sim-" + bus.id() + "-rtu");
        thread.setDaemon(true);
        thread.start();
        return new Endpoint(bus.id(), b.type(), null, 0, pty.port(),
                "RTU " + baud(b) + " " + lineSettings(b) + " on " + pty.port());
    }

    /** E.g. {@code 8E1}. */
    static String lineSettings(BusDefinition b) {
        char parity = b.parity() == Parity.EVEN ? 'E' : b.parity() == Parity.ODD ? 'O' : 'N';
        return "8" + parity + Math.max(1, b.stopBits());
    }

    private void serve() {
        RtuFrameReader reader = new RtuFrameReader(pump);
        try {
            RtuFrameReader.Frame frame;
            while ((frame = reader.next(() -> running)) != null) {
                if (!responder.serve(frame, this::write)) {
                    reader.drainUntilSilence(false);
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.warn("bus {}: pty failed: {}", bus.id(), e.getMessage());
            }
        }
    }

    private void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (pty != null) {
            pty.close();   // the pump's blocked read ends with the pty's other side
        }
        closeQuietly(in);
        closeQuietly(out);
        if (thread != null) {
            join(thread);
        }
        if (pump != null) {
            pump.join(2000);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing after the pty is gone may fail; nothing is left to release
            }
        }
    }
}
