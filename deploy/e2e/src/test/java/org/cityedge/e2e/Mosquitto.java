package org.cityedge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto on a free loopback port with persistence in its own directory, so that the IOC's persistent
 * session (and the messages queued for it) survives a {@link #stop()} / {@link #start()} on the same port.
 * Readiness is the open port: Mosquitto buffers its output, so no log line can be relied on.
 */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, String moreConfig) throws IOException {
        this.dir = dir;
        this.port = LoopbackPorts.free();
        Path persistence = Files.createDirectories(dir.resolve("persistence"));
        StringBuilder conf = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
                .append("persistence true\n")
                .append("persistence_location ").append(persistence).append("/\n")
                .append("max_queued_messages 0\n") // 0: unlimited; the IOC's queue must not drop during the chaos
                .append("set_tcp_nodelay true\n") // as production brokers do: no 40 ms Nagle waits on replies
                .append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n')
                .append("log_timestamp_format %H:%M:%S\n");
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user root\n"); // as root it would switch to 'mosquitto', who cannot write the temp dir
        }
        conf.append(moreConfig);
        this.config = Files.writeString(dir.resolve("mosquitto.conf"), conf);
    }

    /** Starts a broker whose files live in {@code dir}. */
    static Mosquitto startIn(Path dir) throws IOException {
        return startIn(dir, "");
    }

    /**
     * As {@link #startIn(Path)}, with more lines at the end of mosquitto.conf (another listener, e.g. with TLS: its
     * port must be free and on 127.0.0.1).
     */
    static Mosquitto startIn(Path dir, String moreConfig) throws IOException {
        Mosquitto m = new Mosquitto(Files.createDirectories(dir), moreConfig);
        m.start();
        return m;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** (Re)starts the broker on the same port with the same persistence; returns once the port accepts. */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto already runs");
        }
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
        boolean up = Bounded.poll(START_LIMIT, () -> !process.isAlive() || LoopbackPorts.listening(port));
        if (!process.isAlive() || !up) {
            stop();
            throw new IOException("mosquitto did not open port " + port + "\n" + log());
        }
    }

    /** SIGTERM, so it writes its persistence file; SIGKILL if it does not end. */
    void stop() {
        if (process == null) {
            return;
        }
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

    String log() {
        StringBuilder b = new StringBuilder();
        for (String name : new String[] {"mosquitto.out", "mosquitto.log"}) {
            try {
                b.append(Files.readString(dir.resolve(name)));
            } catch (IOException absent) {
                // nothing written yet
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        stop();
    }
}
