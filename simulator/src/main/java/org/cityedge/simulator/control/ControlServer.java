package org.cityedge.simulator.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.cityedge.simulator.Simulator;

/**
 * Serves {@link ControlCommands} on 127.0.0.1, one line in, one line out. At most {@link #MAX_CLIENTS} clients at a
 * time and lines of at most {@link #MAX_LINE} characters, so a stuck or hostile client cannot exhaust the simulator.
 */
public final class ControlServer implements AutoCloseable {

    static final int MAX_CLIENTS = 8;
    static final int MAX_LINE = 1024;

    private final ControlCommands commands;
    private final ServerSocket server;
    private final Set<Socket> clients = new HashSet<>();
    private final Thread acceptor;
    private volatile boolean running = true;

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public ControlServer(Simulator simulator, int port) throws IOException {
        this.commands = new ControlCommands(simulator);
        this.server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "sim-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                synchronized (clients) {
                    if (clients.size() >= MAX_CLIENTS) {
                        s.getOutputStream().write("error too many control connections\n".getBytes(StandardCharsets.UTF_8));
                        s.close();
                        continue;
                    }
                    clients.add(s);
                }
                Thread t = new Thread(() -> converse(s), "sim-control");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed on stop, or a client gone before we answered it
            }
        }
    }

    private void converse(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            StringBuilder line = new StringBuilder();
            boolean overlong = false;
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String text = line.toString().strip();
                    line.setLength(0);
                    if (overlong) {
                        overlong = false;
                        reply(out, "error line longer than " + MAX_LINE + " characters");
                    } else if (text.equalsIgnoreCase("quit")) {
                        reply(out, "ok bye");
                        return;
                    } else if (!text.isEmpty()) {
                        reply(out, commands.execute(text));
                    }
                } else if (line.length() < MAX_LINE) {
                    line.append((char) c);
                } else {
                    overlong = true;
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            synchronized (clients) {
                clients.remove(s);
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        synchronized (clients) {
            for (Socket s : clients) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
            clients.clear();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
