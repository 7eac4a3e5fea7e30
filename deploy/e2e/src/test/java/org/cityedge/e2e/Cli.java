package org.cityedge.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.cityedge.cli.Provision;
import org.cityedge.cli.gateway.PasswordPrompt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code cityedge provision} run in-process ({@link Provision#run}) as a technician runs it on the gateway: the
 * gateway's console URL in {@code CITYEDGE_GATEWAY} and its state directory in {@code CITYEDGE_STATE}, so the CLI
 * authenticates with the token the gateway wrote (or, {@link #laptop}, with the console password); nobody at a
 * terminal (no prompt, no progress bar).
 */
final class Cli {

    private final Map<String, String> environment;

    /** On the gateway: the token under {@code state}. */
    Cli(ConsoleClient console, Path state) {
        this(Map.of("CITYEDGE_GATEWAY", console.base().toString(), "CITYEDGE_STATE",
                state.toAbsolutePath().toString()));
    }

    private Cli(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * On a technician's laptop: no token to read ({@code elsewhere} holds none), so the CLI logs in with the console
     * password from {@code CITYEDGE_CONSOLE_PASSWORD} and sends the session cookie and CSRF token.
     */
    static Cli laptop(ConsoleClient console, Path elsewhere, String password) {
        return new Cli(Map.of("CITYEDGE_GATEWAY", console.base().toString(), "CITYEDGE_STATE",
                elsewhere.toAbsolutePath().toString(), "CITYEDGE_CONSOLE_PASSWORD", password));
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Provision.run(args, o, e, environment, PasswordPrompt.NONE);
        }
        return new Run(String.join(" ", args), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** One command's outcome. */
    record Run(String command, int exitCode, String out, String err) {

        /** stdout as JSON (the command was given {@code --json}). */
        JsonNode json() {
            return ConsoleClient.json(out);
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "cityedge provision " + command + " -> exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n"
                    + err;
        }
    }
}
