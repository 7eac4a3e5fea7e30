package org.cityedge.uplink.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto process on a free loopback port, with a config written into a temp dir. Waits for the port
 * (Mosquitto's stdout is buffered: no log line to wait for), and is killed on close, whatever happened.
 */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final Path config;
    final int port;
    final int plainPort;
    private Process process;

    /**
     * @param listenerOptions lines for the main listener (TLS files, require_certificate)
     * @param globalOptions   lines for the whole broker (password_file, acl_file, persistence)
     * @param withPlainSide   also open a plain listener on another port (the IOC subscriber's way in)
     */
    private Mosquitto(Path dir, String listenerOptions, String globalOptions, boolean withPlainSide)
            throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.plainPort = withPlainSide ? freePort() : -1;
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user root\n"); // as root Mosquitto would drop to 'mosquitto', which cannot write here
        }
        conf.append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n')
                .append("log_type all\n")
                .append(globalOptions.contains("persistence") ? "" : "persistence false\n")
                .append("max_queued_messages 0\n")
                .append(globalOptions).append('\n')
                .append("listener ").append(port).append(" 127.0.0.1\n").append(listenerOptions).append('\n');
        if (withPlainSide) {
            conf.append("listener ").append(plainPort).append(" 127.0.0.1\n");
        }
        this.config = dir.resolve("mosquitto.conf");
        Files.writeString(config, conf);
    }

    static Mosquitto plain(Path dir) throws IOException {
        return new Mosquitto(dir, "", "allow_anonymous true", false).start();
    }

    static Mosquitto custom(Path dir, String listenerOptions, String globalOptions, boolean withPlainSide)
            throws IOException {
        return new Mosquitto(dir, listenerOptions, globalOptions, withPlainSide).start();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String plainUrl() {
        return "tcp://127.0.0.1:" + (plainPort > 0 ? plainPort : port);
    }

    Mosquitto start() throws IOException {
        process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("mosquitto.out")));
            }
            if (listening(port) && (plainPort < 0 || listening(plainPort))) {
                return this;
            }
            sleep(50);
        }
        close();
        throw new IOException("mosquitto did not open port " + port + " within 30 s");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the broker (SIGTERM; it saves its persistence file if it has one). */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
