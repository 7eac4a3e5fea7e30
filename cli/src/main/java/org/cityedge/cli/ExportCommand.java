package org.cityedge.cli;

import java.nio.file.Path;

import org.cityedge.cli.gateway.Answer;
import org.cityedge.cli.text.Formats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: the whole configuration to one file, for a replacement gateway. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = { "Writes the whole configuration (identity and site file, settings with their secrets, "
                + "certificates; the gateway's private key only with --with-key) to one file, readable by its owner "
                + "only (mode 0600). A replacement gateway is provisioned with import.",
                "The file holds secrets: keep it safe and delete it when done." },
        footerHeading = "%nExamples:%n",
        footer = { "  cityedge provision export --out dx-cab-001.json",
                "  cityedge provision export --out dx-cab-001.json --with-key   # the replacement keeps the certificate" })
final class ExportCommand extends GatewayCommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the document.")
    Path out;

    @Option(names = "--with-key", description = "Include the gateway's private key, so a replacement keeps the "
            + "certificate.")
    boolean withKey;

    @Override
    public Integer call() {
        Answer answer = gateway().send("GET", "/api/export?withKey=" + withKey, null);
        String text = answer.text().endsWith("\n") ? answer.text() : answer.text() + "\n";
        LocalFiles.write(out, text, true);
        // The document itself is never printed, not even with --json: it would put the secrets on the screen.
        output().out().println("exported to " + out + " (" + Formats.bytes(text.length()) + ", mode 0600)");
        output().warn(out + " holds secrets (passwords" + (withKey ? ", the gateway's private key" : "")
                + "): keep it safe and delete it when it is no longer needed");
        return 0;
    }
}
