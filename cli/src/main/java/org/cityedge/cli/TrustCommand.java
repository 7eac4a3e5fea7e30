package org.cityedge.cli;

import java.nio.file.Path;

import org.cityedge.cli.text.ChangeResults;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trust set}: the IOC's public key that signs rule sets and schedules. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "The IOC's Ed25519 public key: the gateway accepts only rule sets and schedules it signed.",
        subcommands = TrustCommand.Set.class)
final class TrustCommand extends GatewayCommand.Group {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Installs the IOC's public key (PEM).",
            footerHeading = "%nExample:%n", footer = "  cityedge provision trust set --public-key ioc-signing.pub.pem")
    static final class Set extends GatewayCommand {

        @Option(names = "--public-key", required = true, paramLabel = "FILE",
                description = "The IOC's Ed25519 public key, PEM (-----BEGIN PUBLIC KEY-----).")
        Path publicKey;

        @Override
        public Integer call() {
            var body = object().put("publicKey", LocalFiles.readPem(publicKey, "public key"));
            JsonNode result = gateway().send("PUT", "/api/trust", body).body();
            if (output().json()) {
                output().json(result);
            } else {
                ChangeResults.print(result, "IOC public key", output().out());
            }
            return 0;
        }
    }
}
