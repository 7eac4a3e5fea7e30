package org.cityedge.simulator.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.cityedge.simulator.Endpoint;
import org.cityedge.simulator.SimulatedBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections for a TCP bus, one thread a connection. Honours the bus's maxConnections the way many Modbus
 * TCP devices do: a new connection beyond the limit evicts the oldest one, so a restarted master is never locked
 * out by its own dead connection.
 */
abstract class TcpBusServer implements BusServer {

    private static final Logger LOG = LoggerFactory.getLogger(TcpBusServer.class);

    protected final SimulatedBus bus;
    private final Deque<Socket> connections = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ServerSocket server;
    private Thread acceptor;

    TcpBusServer(SimulatedBus bus) {
        this.bus = bus;
    }

    /** Serves one connection until it closes or {@link #running()} turns false. */
    abstract void serve(Socket socket) throws IOException;

    /** How the endpoint is described, e.g. {@code Modbus TCP}. */
    abstract String protocol();

    boolean running() {
        return running;
    }

    @Override
    public synchronized Endpoint start() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bus.definition().host(), bus.definition().tcpPort()), 16);
        running = true;
        acceptor = new Thread(this::accept, "sim-" + bus.id() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        String host = server.getInetAddress().getHostAddress();
        return new Endpoint(bus.id(), bus.definition().type(), host, server.getLocalPort(), null,
                protocol() + " on " + host + ":" + server.getLocalPort());
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                synchronized (connections) {
                    while (connections.size() >= bus.definition().maxConnections()) {
                        closeQuietly(connections.removeFirst());
                    }
                    connections.addLast(s);
                }
                Thread t = new Thread(() -> handle(s), "sim-" + bus.id() + "-conn");
                t.setDaemon(true);
                synchronized (threads) {
                    threads.removeIf(x -> !x.isAlive());
                    threads.add(t);
                }
                t.start();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("bus {}: accept failed: {}", bus.id(), e.getMessage());
                }
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            serve(s);
        } catch (IOException e) {
            // The master closed or reset the connection.
        } finally {
            synchronized (connections) {
                connections.remove(s);
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        closeQuietly(server);
        synchronized (connections) {
            connections.forEach(TcpBusServer::closeQuietly);
            connections.clear();
        }
        join(acceptor);
        List<Thread> left;
        synchronized (threads) {
            left = new ArrayList<>(threads);
        }
        left.forEach(TcpBusServer::join);
    }

    private static void join(Thread t) {
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
