package org.cityedge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.text.ChangeResults;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config show | set}: any managed component setting (ConfigAdmin PID and key). */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Component settings the technician may change, by ConfigAdmin PID and key (checked against "
                + "the component's Metatype; all applied or none). Secrets read as ********.",
        subcommands = { ConfigCommand.Show.class, ConfigCommand.Set.class })
final class ConfigCommand extends GatewayCommand.Group {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the settings of every managed PID, or of one.",
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision config show", "  cityedge provision config show org.cityedge.modbus" })
    static final class Show extends GatewayCommand {

        @Parameters(arity = "0..1", paramLabel = "PID", description = "Only this PID.")
        String pid;

        @Override
        public Integer call() {
            JsonNode all = gateway().get("/api/config");
            JsonNode shown = all;
            if (pid != null) {
                if (!all.has(pid)) {
                    List<String> managed = new ArrayList<>();
                    all.fieldNames().forEachRemaining(managed::add);
                    throw Failure.refused("the gateway does not manage " + pid + " (managed: "
                            + String.join(", ", managed) + ")");
                }
                shown = object().set(pid, all.get(pid));
            }
            if (output().json()) {
                output().json(shown);
                return 0;
            }
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : shown.properties()) {
                if (!first) {
                    output().out().println();
                }
                first = false;
                output().out().println("[" + entry.getKey() + "]");
                Table table = Table.plain();
                entry.getValue().properties().forEach(s -> table.row("  " + s.getKey(), "= " + Formats.value(s.getValue())));
                table.print(output().out());
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = { "Changes settings of one PID. Values are text as in a .cfg file (arrays comma-separated); "
                    + "key= (nothing after =) resets a key to its default; ******** keeps a stored secret." },
            footerHeading = "%nExamples:%n",
            footer = { "  cityedge provision config set org.cityedge.uplink.mqtt qos=1 healthIntervalSeconds=30",
                    "  cityedge provision config set org.cityedge.uplink.mqtt 'pointPolicies=activePower=5/900,pm*=0.5/600'",
                    "  cityedge provision config set org.cityedge.uplink.mqtt clientId=     # back to the default" })
    static final class Set extends GatewayCommand {

        @Parameters(index = "0", paramLabel = "PID", description = "The component's PID, e.g. org.cityedge.modbus.")
        String pid;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "key=value", description = "Settings to change.")
        List<String> assignments;

        @Override
        public Integer call() {
            ObjectNode settings = object();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq < 0) {
                    throw usage("Expected key=value but got '" + assignment + "' (key= resets to the default)");
                }
                String key = assignment.substring(0, eq).strip();
                if (key.isEmpty()) {
                    throw usage("No key before = in '" + assignment + "'");
                }
                String value = assignment.substring(eq + 1);
                if (value.isEmpty()) {
                    settings.putNull(key);
                } else {
                    settings.put(key, value);
                }
            }
            ObjectNode change = object();
            change.set(pid, settings);
            JsonNode result = gateway().send("PUT", "/api/config", change).body();
            if (output().json()) {
                output().json(result);
            } else {
                ChangeResults.print(result, pid, output().out());
            }
            return 0;
        }
    }
}
