package org.cityedge.cli;

import java.nio.file.Path;

import org.cityedge.cli.text.ChangeResults;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tls csr | install | show}: the gateway's key pair, certificate and the IOC broker's CA. */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = "The gateway's TLS identity for the IOC: a key pair made on the gateway (the private key "
                + "never leaves it), a certificate request for the IOC's CA, then the signed certificate and the CA.",
        subcommands = { TlsCommand.Csr.class, TlsCommand.Install.class, TlsCommand.Show.class },
        footerHeading = "%nSteps:%n",
        footer = { "  cityedge provision tls csr --out dx-cab-001.csr     # send it to the IOC's CA",
                "  cityedge provision tls install --cert dx-cab-001.crt --ca ioc-ca.crt",
                "  cityedge provision tls show" })
final class TlsCommand extends GatewayCommand.Group {

    @Command(name = "csr", mixinStandardHelpOptions = true,
            description = "Makes the gateway's key pair (replacing one that has no certificate yet) and prints or "
                    + "writes a PKCS#10 certificate request (CN = gateway id, O = site).",
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision tls csr --out dx-cab-001.csr", "  cityedge provision tls csr > req.pem" })
    static final class Csr extends GatewayCommand {

        @Option(names = "--out", paramLabel = "FILE", description = "Write the request here instead of printing it.")
        Path out;

        @Override
        public Integer call() {
            JsonNode answer = gateway().send("POST", "/api/tls/csr", null).body();
            String csr = answer.path("csr").asText("");
            if (out != null) {
                LocalFiles.write(out, csr.endsWith("\n") ? csr : csr + "\n", false);
            }
            if (output().json()) {
                output().json(answer);
            } else if (out != null) {
                output().out().println("certificate request written to " + out + ": have it signed by the IOC's CA, "
                        + "then run tls install");
            } else {
                output().out().print(csr.endsWith("\n") ? csr : csr + "\n");
            }
            return 0;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Installs the certificate signed for the gateway's key and the CA of the IOC's broker, and "
                    + "points the uplink at them. Refused when the certificate does not belong to the key, has "
                    + "expired or does not chain to the CA.",
            footerHeading = "%nExample:%n",
            footer = "  cityedge provision tls install --cert dx-cab-001.crt --ca ioc-ca.crt")
    static final class Install extends GatewayCommand {

        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The gateway's certificate (PEM).")
        Path certificate;

        @Option(names = "--ca", required = true, paramLabel = "FILE",
                description = "The CA certificate that signs the broker's certificate (PEM).")
        Path ca;

        @Override
        public Integer call() {
            var body = object().put("certificate", LocalFiles.readPem(certificate, "certificate"))
                    .put("ca", LocalFiles.readPem(ca, "CA certificate"));
            JsonNode result = gateway().send("PUT", "/api/tls/certificate", body).body();
            if (output().json()) {
                output().json(result);
            } else {
                ChangeResults.print(result, "certificate and CA", output().out());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the state of the TLS material.",
            footerHeading = "%nExample:%n", footer = "  cityedge provision tls show")
    static final class Show extends GatewayCommand {

        @Override
        public Integer call() {
            JsonNode tls = gateway().get("/api/tls");
            if (output().json()) {
                output().json(tls);
            } else {
                print(tls, output());
            }
            return 0;
        }
    }

    static void print(JsonNode tls, Output output) {
        Table.plain().row("key", yesNo(tls, "keyPresent", "present", "none"))
                .row("request", yesNo(tls, "requestPending", "pending (install the signed certificate)", "none"))
                .row("certificate", Formats.value(tls.get("certificateSubject")))
                .row("expires", Formats.time(tls.get("certificateNotAfter")))
                .row("CA", Formats.value(tls.get("caSubject")))
                .row("IOC key", yesNo(tls, "iocKeyPresent", "installed", "none (trust set --public-key FILE)"))
                .print(output.out());
    }

    private static String yesNo(JsonNode node, String field, String yes, String no) {
        return node.path(field).asBoolean(false) ? yes : no;
    }
}
