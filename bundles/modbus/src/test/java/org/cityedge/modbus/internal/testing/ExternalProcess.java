package org.cityedge.modbus.internal.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A peer process started by a test and always stopped by it (try-with-resources). */
public class ExternalProcess implements AutoCloseable {

    private final Process process;
    private final String name;
    private final Path log;

    protected ExternalProcess(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.log = log;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Fails the test (never skips it) when a tool the tests need is missing: the launcher installs them. */
    public static void require(String executable, String why) {
        if (!Files.isExecutable(Path.of(executable))) {
            fail(executable + " is missing; it is needed to " + why + " (install it: apt-get install socat "
                    + "python3-pymodbus)");
        }
    }

    /** Waits (bounded) for a condition, failing the test with the process log when it does not come. */
    public void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " before " + what + "\n" + output());
            }
            if (System.nanoTime() > deadline) {
                fail(name + ": no " + what + " within " + timeoutMs + " ms\n" + output());
            }
            Thread.sleep(20);
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(3, TimeUnit.SECONDS);
        }
    }
}
