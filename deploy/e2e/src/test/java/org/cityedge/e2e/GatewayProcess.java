package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable gateway as a child JVM, started exactly as {@code ./cityedge gateway} does (function gateway_cmd of
 * the launcher): same heap and GC flags, framework storage kept under STATE/osgi, FileInstall on the configuration
 * directory. Each start writes its own log file; {@link #log()} gives all of them for failure messages.
 */
final class GatewayProcess implements AutoCloseable {

    /** The launcher's GATEWAY_JVM. */
    static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx64m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=48m");
    private static final Pattern READY = Pattern.compile("cityedge ready:.*");
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final Path jar;
    private final GatewayConfig config;
    private final Path state;
    private final Path logDir;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    GatewayProcess(GatewayConfig config, Path state, Path logDir) {
        this.jar = gatewayJar();
        this.config = config;
        this.state = state;
        this.logDir = logDir;
    }

    static Path gatewayJar() {
        Path jar = Path.of(System.getProperty("cityedge.gateway.jar", "../target/gateway.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no gateway at " + jar.toAbsolutePath()
                    + ": build it first (cd ../.. && mvn -B -q -DskipTests install)");
        }
        return jar;
    }

    /** Spawns the JVM; returns at once (see {@link #awaitReady()}). */
    GatewayProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the gateway already runs");
        }
        Path log = logDir.resolve("gateway-" + (logs.size() + 1) + ".log");
        logs.add(log);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Dlaunch.storage.dir=" + state.resolve("osgi"));
        command.add("-Dlaunch.keep=true");
        command.add("-Dfelix.fileinstall.dir=" + config.dir());
        command.add("-Dcityedge.site=" + config.siteFile());
        command.add("-Dcityedge.state=" + state);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(state);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("MALLOC_ARENA_MAX", "2"); // the launcher's GATEWAY_ENV
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        return this;
    }

    /** Waits (bounded) for the {@code cityedge ready:} line of the current run and returns it. */
    String awaitReady() {
        Path log = logs.get(logs.size() - 1);
        String[] line = new String[1];
        Bounded.await("the gateway's 'cityedge ready' line", READY_LIMIT, () -> {
            Matcher m = READY.matcher(read(log));
            if (m.find()) {
                line[0] = m.group();
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + "\n" + log());
            }
            return false;
        }, this::log);
        return line[0];
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hook, no deactivate, the socket simply vanishes. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM, as systemd stops it; SIGKILL if it does not end. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit()) {
                process.destroyForcibly();
                waitForExit();
            }
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Everything every run printed, each run headed by its file name. */
    String log() {
        StringBuilder b = new StringBuilder();
        for (Path p : logs) {
            b.append("---- ").append(p.getFileName()).append('\n').append(read(p));
        }
        return b.toString();
    }

    /** The lines of every run containing {@code text}. */
    List<String> logLines(String text) {
        return log().lines().filter(l -> l.contains(text)).toList();
    }

    private static String read(Path p) {
        try {
            // bytes, not readString: a line being written may end in half a character
            return Files.exists(p) ? new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
