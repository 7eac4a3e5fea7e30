package org.cityedge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this jar's commands on the same class path. Its output lines are echoed as progress
 * until it prints the ready line. {@link #close()} ends its standard input (the child's cue to stop), then
 * terminates it if it lingers.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);

    private ChildJvm(Process process) {
        this.process = process;
    }

    static ChildJvm start(List<String> jvmOptions, String readyLine, String... command) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchMain.class.getName());
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChildJvm child = new ChildJvm(p);
        Thread reader = new Thread(() -> child.echo(readyLine), "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void echo(String readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(readyLine)) {
                    ready.countDown();
                } else if (!line.isBlank()) {
                    Progress.say("child: %s", line);
                }
            }
        } catch (IOException e) {
            // the child is gone; close() reaps it
        }
    }

    /** Waits for the ready line; false when the child died or did not get ready in time. */
    boolean awaitReady(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (ready.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
