package org.cityedge.cli;

import java.util.Map;

import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code status}: the gateway's health at a glance. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the uplink's state, the buffer's depth, the running rule set and schedule, the TLS "
                + "material and the health of every device.",
        footerHeading = "%nExamples:%n",
        footer = { "  cityedge provision status", "  cityedge provision status --json | jq '.devices[] | "
                + "select(.state != \"ONLINE\")'" })
final class StatusCommand extends GatewayCommand {

    @Override
    public Integer call() {
        JsonNode status = gateway().get("/api/status");
        if (output().json()) {
            output().json(status);
            return 0;
        }
        JsonNode identity = status.path("identity");
        JsonNode buffer = status.path("buffer");
        JsonNode tls = status.path("tls");
        Table.plain()
                .row("gateway", Formats.value(identity.get("site")) + " / " + Formats.value(identity.get("gatewayId"))
                        + (identity.path("timezone").isTextual() ? " (" + identity.path("timezone").asText() + ")"
                                : ""))
                .row("uplink", uplinkLine(status.path("uplink")))
                .row("buffer", bufferLine(buffer))
                .row("rules", "version " + Formats.value(status.path("rules").get("version")))
                .row("schedule", "version " + Formats.value(status.path("schedule").get("version")))
                .row("tls", tlsLine(tls))
                .row("console", status.path("console").path("refusals").asLong() + " refused request(s)")
                .print(output().out());
        output().out().println();
        Table devices = Table.withHeader("DEVICE", "NAME", "BUS", "PROFILE", "STATE", "LAST SEEN", "RESPONSE",
                "ERRORS");
        for (JsonNode d : status.path("devices")) {
            long micros = d.path("responseMicros").asLong();
            devices.row(d.path("id").asText(), Formats.value(d.get("name")), Formats.value(d.get("bus")),
                    Formats.value(d.get("profile")), Formats.value(d.get("state")), Formats.time(d.get("lastSeen")),
                    micros > 0 ? Formats.duration(micros / 1_000) : null, errors(d.path("errors")));
        }
        if (devices.isEmpty()) {
            output().out().println("no devices on the site yet (scan --bus ID --assign)");
        } else {
            devices.print(output().out());
        }
        return 0;
    }

    static String uplinkLine(JsonNode uplink) {
        StringBuilder line = new StringBuilder(Formats.value(uplink.get("state")));
        if (uplink.path("broker").isTextual() && !uplink.path("broker").asText().isEmpty()) {
            line.append(", broker ").append(uplink.path("broker").asText());
        }
        if (uplink.path("connectedSince").asLong() > 0) {
            line.append(", since ").append(Formats.time(uplink.get("connectedSince")));
        }
        if (uplink.has("published")) {
            line.append(", ").append(uplink.path("published").asLong()).append(" published");
        }
        if (uplink.path("problem").isTextual() && !uplink.path("problem").asText().isEmpty()) {
            line.append(" (").append(uplink.path("problem").asText()).append(')');
        }
        return line.toString();
    }

    private static String bufferLine(JsonNode buffer) {
        StringBuilder line = new StringBuilder().append(buffer.path("depth").asLong()).append(" message(s), ")
                .append(Formats.bytes(buffer.path("bytes").asLong())).append(" of ")
                .append(Formats.bytes(buffer.path("quotaBytes").asLong()));
        if (buffer.path("oldestSampleTime").asLong() > 0) {
            line.append(", oldest ").append(Formats.time(buffer.get("oldestSampleTime")));
        }
        line.append(", ").append(buffer.path("droppedTotal").asLong()).append(" dropped");
        if (buffer.path("problem").isTextual() && !buffer.path("problem").asText().isEmpty()) {
            line.append(" (").append(buffer.path("problem").asText()).append(')');
        }
        return line.toString();
    }

    private static String tlsLine(JsonNode tls) {
        if (tls.path("certificateSubject").isTextual()) {
            return "certificate " + tls.path("certificateSubject").asText() + " until "
                    + Formats.time(tls.get("certificateNotAfter"))
                    + (tls.path("iocKeyPresent").asBoolean() ? ", IOC key installed" : ", no IOC key");
        }
        return (tls.path("requestPending").asBoolean() ? "certificate requested, not installed"
                : tls.path("keyPresent").asBoolean() ? "key, no certificate" : "no key")
                + (tls.path("iocKeyPresent").asBoolean() ? ", IOC key installed" : ", no IOC key");
    }

    /** Error counts by kind, e.g. {@code timeout 3, crc 1}; {@code -} when none. */
    private static String errors(JsonNode errors) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : errors.properties()) {
            if (e.getValue().asLong() > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(e.getValue().asLong());
            }
        }
        return text.toString();
    }
}
