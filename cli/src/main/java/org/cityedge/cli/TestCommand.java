package org.cityedge.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code test}: reads every point of a device now, then dims or blinks a lamp. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = { "Reads every point of a device now and prints them. With --dim, holds the lamp at a level "
                + "for a while (an override that wins over rules and schedules, released afterwards) and shows what "
                + "the lamp reports back; with --blink, switches it fully on and off N times so it can be spotted "
                + "from the street." },
        footerHeading = "%nExamples:%n",
        footer = { "  cityedge provision test sl-001", "  cityedge provision test sl-001 --dim 40 --seconds 120",
                "  cityedge provision test sl-001 --blink 3" })
final class TestCommand extends GatewayCommand {

    private static final int BLINK_PERIOD_MS = 1_000;
    /**
     * The gateway answers a blink within times x periodMs + 30 s however slowly its writes are verified (http-api.md:
     * its claims end then); a minute more for the network and the final releases.
     */
    static final Duration BLINK_SERVER_MARGIN = Duration.ofSeconds(30);
    static final Duration BLINK_CLIENT_MARGIN = Duration.ofSeconds(60);
    /** A slow RS-485 bus with many points, or a sleepy CoAP node, can take a while to read whole. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = "ID", description = "Device id.")
    String id;

    @Option(names = "--dim", paramLabel = "LEVEL", description = "Dim to this level, 0-100 %%.")
    Integer level;

    @Option(names = "--seconds", paramLabel = "S", description = "How long --dim holds (default: 60).")
    Integer seconds;

    @Option(names = "--blink", paramLabel = "N", description = "Blink this many times (1-20), about one blink a second.")
    Integer blinks;

    @Override
    public Integer call() {
        if (level != null && blinks != null) {
            throw usage("Give --dim or --blink, not both");
        }
        if (seconds != null && level == null) {
            throw usage("--seconds goes with --dim");
        }
        if (level != null && (level < 0 || level > 100)) {
            throw usage("--dim " + level + " is not within 0..100");
        }
        if (seconds != null && seconds < 1) {
            throw usage("--seconds must be at least 1");
        }
        if (blinks != null && (blinks < 1 || blinks > 20)) {
            throw usage("--blink " + blinks + " is not within 1..20");
        }
        String path = "/api/devices/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        ObjectNode json = object();
        JsonNode read = gateway().send("POST", path + "/read", null, READ_TIMEOUT).body();
        json.set("read", read);
        if (!output().json()) {
            printReadings(read);
        }
        if (level != null) {
            ObjectNode request = object().put("level", level).put("seconds", seconds == null ? 60 : seconds);
            JsonNode dim = gateway().send("POST", path + "/dim", request, READ_TIMEOUT).body();
            json.set("dim", dim);
            report(json, dim, "dimmed " + id + " to " + level + " % for " + request.path("seconds").asInt()
                    + " s, read back " + Formats.value(dim.get("readBack")), "dim " + id);
        } else if (blinks != null) {
            ObjectNode request = object().put("times", blinks).put("periodMs", BLINK_PERIOD_MS);
            JsonNode blink = gateway().send("POST", path + "/blink", request, blinkTimeout(blinks)).body();
            json.set("blink", blink);
            report(json, blink, "blinked " + id + " " + blinks + " time(s) (" + blink.path("steps").asInt()
                    + " steps)", "blink " + id);
        } else if (output().json()) {
            output().json(json);
        }
        return 0;
    }

    /** How long to wait for the answer to a blink of {@code times}: the gateway's bound plus a margin. */
    static Duration blinkTimeout(int times) {
        return Duration.ofMillis((long) times * BLINK_PERIOD_MS).plus(BLINK_SERVER_MARGIN).plus(BLINK_CLIENT_MARGIN);
    }

    private void report(ObjectNode json, JsonNode answer, String success, String what) {
        if (output().json()) {
            output().json(json);
        }
        if (!answer.path("ok").asBoolean(false)) {
            throw Failure.refused(what + " failed: " + answer.path("error").asText("no reason given"));
        }
        if (!output().json()) {
            output().out().println(success);
        }
    }

    private void printReadings(JsonNode read) {
        Table table = Table.withHeader("POINT", "VALUE", "UNIT", "QUALITY", "TIME");
        for (JsonNode s : read.path("samples")) {
            table.row(s.path("point").asText(), Formats.value(s.get("value")), Formats.value(s.get("unit")),
                    Formats.value(s.get("quality")), Formats.time(s.get("time")));
        }
        if (table.isEmpty()) {
            output().out().println(id + ": no points read");
        } else {
            table.print(output().out());
        }
    }
}
