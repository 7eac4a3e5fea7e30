package org.cityedge.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.cityedge.cli.gateway.Credentials;
import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.gateway.PasswordPrompt;
import org.cityedge.cli.text.ChangeResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code console password | listen}: the local web console's password and where it listens. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "The gateway's local web console (PID " + ConsoleCommand.PID + "): its password and the "
                + "network interface it listens on (loopback only until one is named).",
        subcommands = { ConsoleCommand.Password.class, ConsoleCommand.Listen.class })
final class ConsoleCommand extends GatewayCommand.Group {

    static final String PID = "org.cityedge.console";
    static final int MIN_PASSWORD_LENGTH = 10;

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = { "Sets the console password (at least " + MIN_PASSWORD_LENGTH + " characters), asked "
                    + "twice on a terminal. The first one is set on the gateway itself (it needs the gateway's "
                    + "token); later ones also after logging in with the current password." },
            footerHeading = "%nExamples:%n",
            footer = { "  sudo cityedge provision console password",
                    "  cityedge provision console password --password-file new-password.txt" })
    static final class Password extends GatewayCommand {

        @Option(names = "--password-file", paramLabel = "F",
                description = "File holding the new password (else asked twice on the terminal).")
        Path passwordFile;

        @Override
        public Integer call() {
            String password = passwordFile != null ? Credentials.readPasswordFile(passwordFile) : askTwice();
            if (password.length() < MIN_PASSWORD_LENGTH) {
                throw usage("A console password has at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            JsonNode result;
            try {
                result = gateway().send("PUT", "/api/console/password", object().put("password", password)).body();
            } catch (Failure e) {
                if (e.notAuthorised()) {
                    output().err().println("the first console password is set on the gateway itself, where the "
                            + "CLI reads the gateway's token (e.g. sudo cityedge provision console password)");
                }
                throw e;
            }
            if (output().json()) {
                output().json(result);
            } else if (result.has("applied")) {
                ChangeResults.print(result, "console password", output().out());
            } else {
                output().out().println("applied: console password");
            }
            return 0;
        }

        private String askTwice() {
            PasswordPrompt prompt = root().prompt();
            if (!prompt.available()) {
                throw usage("No terminal to ask the new password on: give --password-file F");
            }
            Optional<char[]> first = prompt.ask("new console password (at least " + MIN_PASSWORD_LENGTH
                    + " characters): ");
            Optional<char[]> second = prompt.ask("again: ");
            if (first.isEmpty() || second.isEmpty() || !Arrays.equals(first.get(), second.get())) {
                throw usage("The two passwords differ: nothing changed");
            }
            return new String(first.get());
        }
    }

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = { "Makes the console listen on the first IPv4 address of a network interface (never on all "
                    + "of them), e.g. the LAN port a technician plugs into.",
                    "The console writes that URL to <state>/console/url; on the gateway the CLI uses it when neither "
                            + "--gateway nor CITYEDGE_GATEWAY is given, and still authenticates with the token." },
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision console listen --interface eth1",
                    "  cityedge provision console listen --interface lo --port 8080    # loopback only again" })
    static final class Listen extends GatewayCommand {

        @Option(names = "--interface", required = true, paramLabel = "IF", description = "Interface name, e.g. eth1.")
        String networkInterface;

        @Option(names = "--port", paramLabel = "N", description = "TCP port (left out: unchanged, 8080 by default).")
        Integer port;

        @Override
        public Integer call() {
            if (port != null && (port < 1 || port > 65_535)) {
                throw usage("--port " + port + " is not within 1..65535");
            }
            ObjectNode settings = object().put("interface", networkInterface);
            if (port != null) {
                settings.put("port", port.toString());
            }
            ObjectNode change = object();
            change.set(PID, settings);
            JsonNode result = gateway().send("PUT", "/api/config", change).body();
            if (output().json()) {
                output().json(result);
                return 0;
            }
            ChangeResults.print(result, "console listens on " + networkInterface
                    + (port != null ? " port " + port : ""), output().out());
            output().out().println("from a laptop on that network: cityedge provision --gateway http://<address of "
                    + networkInterface + ">:" + (port != null ? port : "<port>") + " --password-file FILE ...");
            output().out().println("on the gateway itself the CLI follows by itself: the console writes where it "
                    + "listens to <state>/console/url");
            return 0;
        }
    }
}
