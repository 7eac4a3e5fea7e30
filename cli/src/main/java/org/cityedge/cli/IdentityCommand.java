package org.cityedge.cli;

import org.cityedge.cli.text.ChangeResults;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code identity show | set}: who the gateway is (written to the site file). */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "Who the gateway is: site, gateway id, location and time zone (kept in the site file; the "
                + "uplink's topics and the astronomical clock follow).",
        subcommands = { IdentityCommand.Show.class, IdentityCommand.Set.class })
final class IdentityCommand extends GatewayCommand.Group {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the gateway's identity.",
            footerHeading = "%nExample:%n", footer = "  cityedge provision identity show")
    static final class Show extends GatewayCommand {

        @Override
        public Integer call() {
            JsonNode identity = gateway().get("/api/identity");
            if (output().json()) {
                output().json(identity);
            } else {
                print(identity, output());
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Changes the identity. Options left out keep their current value.",
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision identity set --site dong-xoai --gateway-id dx-cab-001 \\",
                    "      --lat 11.5349 --lon 106.8832 --timezone Asia/Ho_Chi_Minh",
                    "  cityedge provision identity set --timezone Asia/Bangkok" })
    static final class Set extends GatewayCommand {

        @Option(names = "--site", paramLabel = "S", description = "Site id, e.g. dong-xoai.")
        String site;

        @Option(names = "--gateway-id", paramLabel = "G", description = "Gateway id within the site, e.g. "
                + "dx-cab-001.")
        String gatewayId;

        @Option(names = "--lat", paramLabel = "X", description = "Latitude, decimal degrees (WGS84).")
        Double latitude;

        @Option(names = "--lon", paramLabel = "Y", description = "Longitude, decimal degrees (WGS84).")
        Double longitude;

        @Option(names = "--timezone", paramLabel = "Z", description = "IANA time zone, e.g. Asia/Ho_Chi_Minh.")
        String timezone;

        @Override
        public Integer call() {
            if (site == null && gatewayId == null && latitude == null && longitude == null && timezone == null) {
                throw usage("Give at least one of --site, --gateway-id, --lat/--lon, --timezone");
            }
            JsonNode current = gateway().get("/api/identity");
            ObjectNode identity = object();
            identity.set("site", text(site, current.get("site")));
            identity.set("gatewayId", text(gatewayId, current.get("gatewayId")));
            identity.set("location", location(current.path("location")));
            identity.set("timezone", text(timezone, current.get("timezone")));
            JsonNode result = gateway().send("PUT", "/api/identity", identity).body();
            if (output().json()) {
                output().json(result);
                return 0;
            }
            ChangeResults.print(result, "identity", output().out());
            print(identity, output());
            return 0;
        }

        private JsonNode text(String given, JsonNode current) {
            if (given != null) {
                return JSON.getNodeFactory().textNode(given);
            }
            return current == null ? JSON.getNodeFactory().nullNode() : current;
        }

        private JsonNode location(JsonNode current) {
            boolean known = current.has("latitude") && current.has("longitude")
                    && !current.path("latitude").isNull();
            if (latitude == null && longitude == null) {
                return known ? current : JSON.getNodeFactory().nullNode();
            }
            if (!known && (latitude == null || longitude == null)) {
                throw usage("Give --lat and --lon together: the gateway has no location yet");
            }
            ObjectNode location = object();
            location.put("latitude", latitude != null ? latitude : current.path("latitude").asDouble());
            location.put("longitude", longitude != null ? longitude : current.path("longitude").asDouble());
            return location;
        }
    }

    static void print(JsonNode identity, Output output) {
        JsonNode location = identity.path("location");
        Table.plain().row("site", Formats.value(identity.get("site")))
                .row("gateway id", Formats.value(identity.get("gatewayId")))
                .row("location", location.isObject() ? Formats.value(location.get("latitude")) + ", "
                        + Formats.value(location.get("longitude")) : null)
                .row("time zone", Formats.value(identity.get("timezone")))
                .print(output.out());
    }
}
