package org.cityedge.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.text.ChangeResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code remove}: takes devices out of the site file. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Removes devices from the site file; the gateway stops polling them. Every id is checked "
                + "first: one unknown id and nothing is removed.",
        footerHeading = "%nExample:%n", footer = "  cityedge provision remove sl-011 sl-012")
final class RemoveCommand extends GatewayCommand {

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Device ids.")
    List<String> ids;

    @Override
    public Integer call() {
        Set<String> known = new HashSet<>();
        gateway().get("/api/devices").forEach(d -> known.add(d.path("id").asText()));
        Set<String> wanted = new LinkedHashSet<>(ids);
        ObjectNode unknown = object();
        unknown.put("error", "unknown device");
        wanted.stream().filter(id -> !known.contains(id)).forEach(id -> unknown.withArray("problems").addObject()
                .put("field", id).put("message", "no such device on this gateway"));
        if (unknown.has("problems")) {
            throw Failure.refused("nothing removed", unknown);
        }
        ObjectNode results = object();
        for (String id : wanted) {
            JsonNode result = gateway().send("DELETE", "/api/devices/" + URLEncoder.encode(id,
                    StandardCharsets.UTF_8).replace("+", "%20"), null).body();
            results.set(id, result);
            if (!output().json()) {
                ChangeResults.print(result, "removed " + id, output().out());
            }
        }
        if (output().json()) {
            output().json(results);
        }
        return 0;
    }
}
