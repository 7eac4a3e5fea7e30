package org.cityedge.simulator.transport;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pty pair made by socat: the master side opens {@code port} exactly as it would open a USB RS-485 adapter, the
 * simulator serves {@code port.sim}. socat is killed (and its links removed) on {@link #close()}.
 */
public final class SocatPty implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);

    private final Path port;
    private final Path simEnd;
    private final Process process;
    private final Path log;

    private SocatPty(Path port, Path simEnd, Process process, Path log) {
        this.port = port;
        this.simEnd = simEnd;
        this.process = process;
        this.log = log;
    }

    /** The path the simulator serves for master path {@code port}. */
    public static Path simEndOf(Path port) {
        return port.resolveSibling(port.getFileName() + ".sim");
    }

    /**
     * Starts socat and waits until both links exist.
     *
     * @throws IOException when socat is missing or fails; the message says why
     */
    public static SocatPty open(Path port) throws IOException {
        Path abs = port.toAbsolutePath();
        if (abs.toString().matches(".*[,:!\"'\\s].*")) {
            throw new IOException("serial path " + abs + " has characters socat cannot take in an address");
        }
        Path sim = simEndOf(abs);
        Files.createDirectories(abs.getParent());
        removeStaleLink(abs);
        removeStaleLink(sim);
        Path log = Files.createTempFile("cityedge-socat-", ".log");
        ProcessBuilder pb = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + abs, "pty,raw,echo=0,link=" + sim)
                .redirectOutput(Redirect.DISCARD).redirectError(log.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            throw new IOException("cannot run socat (needed for serial buses; install the socat package): "
                    + e.getMessage(), e);
        }
        SocatPty pty = new SocatPty(abs, sim, process, log);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(Files.exists(abs) && Files.exists(sim))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no pty links after " + READY_TIMEOUT.toSeconds() + " s"
                        : "socat exited with " + process.exitValue();
                String err = Files.readString(log, StandardCharsets.UTF_8).trim();
                pty.close();
                throw new IOException(why + (err.isEmpty() ? "" : ": " + err));
            }
            sleep(10);
        }
        return pty;
    }

    public Path port() {
        return port;
    }

    public Path simEnd() {
        return simEnd;
    }

    /** True while socat runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** socat's process id, for diagnostics. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();   // SIGTERM: socat removes its links itself
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            removeStaleLink(port);
            removeStaleLink(simEnd);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // Leftover links are removed by the next start.
        }
    }

    /** A symbolic link left by a socat that was killed hard; anything else at the path is not ours to delete. */
    private static void removeStaleLink(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            Files.delete(p);
        } else if (Files.exists(p)) {
            throw new IOException(p + " exists and is not a pty link; refusing to replace it");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
