package org.cityedge.cli;

import java.nio.file.Path;
import java.util.List;

import org.cityedge.cli.gateway.Credentials;
import org.cityedge.cli.text.ChangeResults;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ioc show | set}: the connection to the IOC's MQTT broker (PID {@value #PID}). */
@Command(name = "ioc", mixinStandardHelpOptions = true,
        description = "The connection to the IOC's MQTT broker (PID " + IocCommand.PID + ").",
        subcommands = { IocCommand.Show.class, IocCommand.Set.class })
final class IocCommand extends GatewayCommand.Group {

    static final String PID = "org.cityedge.uplink.mqtt";
    private static final List<String> SHOWN = List.of("brokerUrl", "clientId", "username", "password", "caFile",
            "certFile", "keyFile", "verifyHostname");

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the broker settings and the uplink's state.",
            footerHeading = "%nExample:%n", footer = "  cityedge provision ioc show")
    static final class Show extends GatewayCommand {

        @Override
        public Integer call() {
            JsonNode settings = gateway().get("/api/config").path(PID);
            JsonNode uplink = gateway().get("/api/status").path("uplink");
            if (output().json()) {
                ObjectNode both = object();
                both.set("settings", settings);
                both.set("uplink", uplink);
                output().json(both);
                return 0;
            }
            Table table = Table.plain();
            SHOWN.forEach(key -> table.row(key, Formats.value(settings.get(key))));
            table.row("state", StatusCommand.uplinkLine(uplink));
            table.print(output().out());
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Points the uplink at the IOC's broker; it reconnects with the new settings.",
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision ioc set --broker ssl://ioc.example.vn:8883 --username dx-cab-001 \\",
                    "      --password-file mqtt-password.txt",
                    "  cityedge provision ioc set --broker tcp://10.1.0.5:1883",
                    "TLS client certificates: see `cityedge provision tls`." })
    static final class Set extends GatewayCommand {

        @Option(names = "--broker", required = true, paramLabel = "URL",
                description = "Broker URL: ssl://host:8883 (or tcp://host:1883 on a closed network).")
        String broker;

        @Option(names = "--username", paramLabel = "U", description = "MQTT user name (left out: unchanged).")
        String username;

        @Option(names = "--password-file", paramLabel = "F",
                description = "File holding the MQTT password (left out: unchanged).")
        Path passwordFile;

        @Override
        public Integer call() {
            ObjectNode settings = object().put("brokerUrl", broker);
            if (username != null) {
                settings.put("username", username);
            }
            if (passwordFile != null) {
                settings.put("password", Credentials.readPasswordFile(passwordFile));
            }
            ObjectNode change = object();
            change.set(PID, settings);
            JsonNode result = gateway().send("PUT", "/api/config", change).body();
            if (output().json()) {
                output().json(result);
            } else {
                ChangeResults.print(result, "IOC broker " + broker, output().out());
            }
            return 0;
        }
    }
}
