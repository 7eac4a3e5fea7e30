package org.cityedge.simulator;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs the tests talk to, and small process helpers. Missing tools fail the test, never skip it. */
public final class Tools {

    private Tools() {
    }

    /** The demo site file of the repository. */
    public static Path demoSite() {
        return Path.of(System.getProperty("cityedge.repo", "..")).resolve("deploy/demo/site.yaml").toAbsolutePath();
    }

    /** Fails with a clear message when {@code program} is not on PATH (or at its absolute path). */
    public static String require(String program, String hint) {
        Path direct = Path.of(program);
        if (direct.isAbsolute()) {
            if (Files.isExecutable(direct)) {
                return program;
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                    return program;
                }
            }
        }
        return fail(program + " is missing; the project's launcher installs it (" + hint + ")");
    }

    /** What a finished process left. */
    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** Runs a command to completion, killing it after {@code timeout}. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cityedge-test-", ".out");
        Path err = Files.createTempFile("cityedge-test-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return fail(command + " did not finish within " + timeout + "; output: "
                        + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A TCP port free at the time of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
