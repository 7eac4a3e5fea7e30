package org.cityedge.cli;

import java.nio.file.Path;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.text.ChangeResults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code import}: applies an exported configuration, whole or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Applies a document written by export (format cityedge-config/1): site file, settings and "
                + "files, whole or not at all.",
        footerHeading = "%nExample:%n", footer = "  cityedge provision import dx-cab-001.json")
final class ImportCommand extends GatewayCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "A document written by export.")
    Path file;

    @Override
    public Integer call() {
        JsonNode document;
        try {
            document = JSON.readTree(LocalFiles.read(file, "configuration"));
        } catch (JsonProcessingException e) {
            throw Failure.usage(file + " is not a configuration written by export (not JSON: "
                    + e.getOriginalMessage() + ")");
        }
        if (document == null || !document.isObject()) {
            throw Failure.usage(file + " is not a configuration written by export (not a JSON object)");
        }
        JsonNode result = gateway().send("POST", "/api/import", document).body();
        if (output().json()) {
            output().json(result);
        } else {
            ChangeResults.print(result, "configuration from " + file, output().out());
        }
        return 0;
    }
}
