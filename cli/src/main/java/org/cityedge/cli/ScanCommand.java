package org.cityedge.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cityedge.cli.scan.ScanAssignment;
import org.cityedge.cli.scan.ScanPlan;
import org.cityedge.cli.scan.ScanProgress;
import org.cityedge.cli.scan.ScanWatcher;
import org.cityedge.cli.text.ChangeResults;
import org.cityedge.cli.text.Formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scan}: finds the devices on a bus (or on a range of IPv4 hosts) and, with --assign, adds them to the site. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Asks every unit id of a bus (or every host of a range) and recognises each answering "
                + "device's profile (Modbus device identification, else the signature registers of the profiles). "
                + "Shows progress with the gateway's time estimate and each device as it is found; Ctrl-C cancels "
                + "the scan on the gateway.",
                "With --assign, the devices found with a profile are added to the site file (ids prefix + number)." },
        footerHeading = "%nExamples:%n",
        footer = { "  cityedge provision scan --bus rs485-1                       # the bus's own line setting",
                "  cityedge provision scan --bus rs485-1 --auto --assign --id-prefix sl- --start 1 --group circuit-a",
                "  cityedge provision scan --bus rs485-1 --from 1 --to 32 --baud 19200 --parity none --stop-bits 1",
                "  cityedge provision scan --hosts 10.0.0.10-10.0.0.40 --port 502 --units 1,255" })
final class ScanCommand extends GatewayCommand {

    @Option(names = "--bus", paramLabel = "ID", description = "Scan this bus of the site.")
    String bus;

    @Option(names = "--from", paramLabel = "N", description = "First unit id (default: 1).")
    Integer from;

    @Option(names = "--to", paramLabel = "N", description = "Last unit id (default: 247).")
    Integer to;

    @Option(names = "--baud", paramLabel = "N", description = "Try this speed (default with --parity or "
            + "--stop-bits: 9600). Without --baud, --parity, --stop-bits or --auto: the bus's own setting.")
    Integer baud;

    @Option(names = "--parity", paramLabel = "even|odd|none", description = "Parity to try (default: even).")
    String parity;

    @Option(names = "--stop-bits", paramLabel = "N", description = "Stop bits to try, 1 or 2 (default: 1).")
    Integer stopBits;

    @Option(names = "--auto", description = "Detect the line setting: 9600 8E1, 9600 8N1, 19200 8E1, 19200 8N1, "
            + "38400 8N1, 4800 8E1, 115200 8N1 in turn.")
    boolean auto;

    @Option(names = "--hosts", paramLabel = "FIRST-LAST",
            description = "Scan IPv4 hosts for Modbus TCP devices instead, e.g. 10.0.0.10-10.0.0.40 (at most 1024).")
    String hosts;

    @Option(names = "--port", paramLabel = "N", description = "TCP port of a host scan (default: 502).")
    Integer port;

    @Option(names = "--units", paramLabel = "N,N", split = ",",
            description = "Unit ids asked on each host (default: 1,255).")
    List<Integer> units;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "0",
            description = "Wait this long for an answer before a unit id counts as absent (default: the gateway's, "
                    + "from the line speed).")
    int timeoutMs;

    @Option(names = "--assign", description = "After the scan, add the devices found with a profile to the site.")
    boolean assign;

    @Option(names = "--id-prefix", paramLabel = "P", description = "Ids of assigned devices: P + number (default: sl-).")
    String idPrefix;

    @Option(names = "--start", paramLabel = "N", description = "First number of assigned ids, taken ones skipped "
            + "(default: 1).")
    Integer start;

    @Option(names = "--group", paramLabel = "G", description = "Group of the assigned devices, e.g. circuit-a.")
    String group;

    @Option(names = "--max-wait", paramLabel = "TIME", description = "Cancel the scan if it runs longer, e.g. 10m "
            + "(default: twice the time of every unit id timing out, plus a minute).")
    String maxWait;

    @Override
    public Integer call() {
        ScanPlan plan = plan();
        Output output = output();
        String task = bus != null ? "scan " + bus : "scan hosts";
        (output.json() ? output.err() : output.out()).println("scanning " + plan.description()
                + " (Ctrl-C cancels the scan on the gateway)");
        ScanProgress progress = output.terminal() && !output.json() ? ScanProgress.bar(task, output.out())
                : ScanProgress.lines(task, output.json() ? output.err() : output.out(),
                        output.json() ? null : output.out());
        JsonNode scan = new ScanWatcher(gateway(), progress).run(plan);
        if (!output.json()) {
            int found = scan.path("found").size();
            long identified = 0;
            for (JsonNode f : scan.path("found")) {
                identified += f.path("profile").isTextual() ? 1 : 0;
            }
            output.out().println(String.format(Locale.ROOT, "scan done in %s: %d device(s) found, %d with a profile "
                    + "(%d of %d asked)", Formats.duration(scan.path("elapsedMs").asLong()), found, identified,
                    scan.path("done").asLong(), scan.path("total").asLong()));
        }
        if (!assign) {
            if (output.json()) {
                output.json(scan);
            }
            return 0;
        }
        return assign(scan, output);
    }

    private int assign(JsonNode scan, Output output) {
        ScanAssignment assignment = ScanAssignment.of(bus, scan.path("found"), gateway().get("/api/devices"),
                gateway().get("/api/buses"), idPrefix == null ? "sl-" : idPrefix, start == null ? 1 : start, group);
        PrintStream lines = output.json() ? output.err() : output.out();
        assignment.skipped().forEach(s -> lines.println("not assigned: " + s));
        ObjectNode json = object();
        json.set("scan", scan);
        if (assignment.devices().isEmpty()) {
            lines.println("nothing to assign");
            if (output.json()) {
                output.json(json);
            }
            return 0;
        }
        for (JsonNode d : assignment.devices()) {
            lines.println("assigning " + d.path("id").asText() + ": unit " + d.path("unitId").asInt() + ", "
                    + d.path("profile").asText() + (d.has("group") ? ", group " + d.path("group").asText() : ""));
        }
        JsonNode result = gateway().send("POST", "/api/devices", assignment.body()).body();
        if (output.json()) {
            ObjectNode assigned = json.putObject("assign");
            assigned.set("request", assignment.body());
            assigned.set("result", result);
            output.json(json);
        } else {
            ChangeResults.print(result, assignment.devices().size() + " device(s) on " + bus, output.out());
            assignment.notes().forEach(n -> output.out().println("note: " + n));
        }
        return 0;
    }

    private ScanPlan plan() {
        if ((bus == null) == (hosts == null)) {
            throw usage("Give either --bus ID or --hosts FIRST-LAST");
        }
        if (timeoutMs < 0) {
            throw usage("--timeout-ms must not be negative");
        }
        try {
            ScanPlan plan = bus != null ? busPlan() : hostPlan();
            return maxWait == null ? plan : new ScanPlan(plan.request(), plan.description(), duration(maxWait));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ScanPlan busPlan() {
        refuse("--bus", port != null, "--port", units != null, "--units");
        int first = from == null ? 1 : from;
        int last = to == null ? 247 : to;
        if (first < 1 || last > 247 || first > last) {
            throw usage("Unit ids " + first + ".." + last + " are not within 1..247");
        }
        boolean fixed = baud != null || parity != null || stopBits != null;
        if (auto && fixed) {
            throw usage("--auto tries the common line settings itself: leave out --baud, --parity, --stop-bits");
        }
        if (!assign) {
            refuse("without --assign", idPrefix != null, "--id-prefix", start != null, "--start", group != null,
                    "--group");
        }
        if (stopBits != null && stopBits != 1 && stopBits != 2) {
            throw usage("--stop-bits is 1 or 2");
        }
        ScanPlan.LineSetting line = fixed ? new ScanPlan.LineSetting(baud == null ? 9600 : baud,
                parity == null ? "even" : parity, stopBits == null ? 1 : stopBits) : null;
        return ScanPlan.bus(bus, first, last, line, auto, timeoutMs);
    }

    private ScanPlan hostPlan() {
        refuse("--hosts", from != null, "--from", to != null, "--to", baud != null, "--baud", parity != null,
                "--parity", stopBits != null, "--stop-bits", auto, "--auto", assign, "--assign (add TCP devices "
                        + "with assign --file)", idPrefix != null, "--id-prefix", start != null, "--start",
                group != null, "--group");
        String[] range = hosts.split("-", 2);
        String first = range[0].strip();
        String last = range.length > 1 ? range[1].strip() : first;
        long count = ScanPlan.ipv4(last) - ScanPlan.ipv4(first) + 1;
        if (count < 1) {
            throw usage("--hosts " + hosts + ": the last address comes before the first");
        }
        if (count > 1024) {
            throw usage("--hosts " + hosts + " spans " + count + " addresses; at most 1024 in one scan");
        }
        int tcpPort = port == null ? 502 : port;
        if (tcpPort < 1 || tcpPort > 65_535) {
            throw usage("--port " + tcpPort + " is not within 1..65535");
        }
        List<Integer> unitIds = units == null ? List.of(1, 255) : new ArrayList<>(units);
        if (unitIds.stream().anyMatch(u -> u < 0 || u > 255)) {
            throw usage("--units are within 0..255");
        }
        return ScanPlan.hosts(first, last, tcpPort, unitIds, timeoutMs);
    }

    /** Usage error when an option that does not belong with {@code context} was given: pairs (given, name). */
    private void refuse(String context, Object... givenAndName) {
        for (int i = 0; i < givenAndName.length; i += 2) {
            if ((Boolean) givenAndName[i]) {
                throw usage(givenAndName[i + 1] + " does not go with " + context);
            }
        }
    }

    /** {@code 90}, {@code 90s}, {@code 10m}, {@code 1h}. */
    private Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
            throw usage("--max-wait " + text + " is not a time such as 90s, 10m or 1h");
        }
    }
}
