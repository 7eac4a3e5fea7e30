package org.cityedge.cli.scan;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.gateway.GatewayClient;
import org.cityedge.cli.text.Formats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Starts a scan on the gateway and follows it to its end: polls {@code GET /api/scans/{id}} every 250 ms, shows
 * progress and each device as it appears, and cancels the scan on the gateway ({@code DELETE}) whenever following it
 * ends before the scan did: the wait bound passes, a poll fails (timeout, 401, 404...), or the process is stopped
 * (Ctrl-C, SIGTERM: a shutdown hook, itself bounded). A scan left running would keep the bus busy for nothing.
 */
public final class ScanWatcher {

    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(3);

    private final GatewayClient gateway;
    private final ScanProgress progress;

    public ScanWatcher(GatewayClient gateway, ScanProgress progress) {
        this.gateway = gateway;
        this.progress = progress;
    }

    /**
     * Runs the scan and returns its last state ({@code done}); a scan that was cancelled, failed or ran past the
     * plan's bound ends in a {@link Failure}.
     */
    public JsonNode run(ScanPlan plan) {
        String id = gateway.send("POST", "/api/scans", plan.request()).body().path("id").asText("");
        if (id.isEmpty()) {
            throw Failure.refused("the gateway started no scan (its answer has no id)");
        }
        String path = "/api/scans/" + id;
        AtomicBoolean finished = new AtomicBoolean();
        Thread cancelOnExit = new Thread(() -> {
            if (!finished.get()) {
                gateway.sendQuietly("DELETE", path, CANCEL_TIMEOUT);
                System.err.println(System.lineSeparator() + "scan " + id + " cancelled on the gateway");
            }
        }, "cityedge-scan-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            JsonNode scan = follow(path, plan.maxWait());
            finished.set(true); // the scan ended on the gateway (done, cancelled or failed): nothing to cancel
            return ended(scan);
        } finally {
            if (!finished.getAndSet(true)) {
                // quietly, with whatever credentials there are: the failure that got us here is what gets reported
                gateway.sendQuietly("DELETE", path, CANCEL_TIMEOUT);
            }
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it cancels the scan itself
            }
        }
    }

    private JsonNode follow(String path, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Set<String> shown = new HashSet<>();
        while (true) {
            JsonNode scan = gateway.send("GET", path, null, POLL_TIMEOUT).body();
            for (JsonNode device : scan.path("found")) {
                if (shown.add(key(device))) {
                    progress.found(describe(device));
                }
            }
            progress.update(scan.path("done").asLong(), scan.path("total").asLong(), scan.path("etaMs").asLong(-1),
                    shown.size());
            if (!"running".equals(scan.path("state").asText("running"))) {
                return scan;
            }
            if (System.nanoTime() - deadline > 0) { // cancelled on the gateway on the way out (run's finally)
                throw Failure.refused("the scan did not end within " + Formats.duration(maxWait.toMillis())
                        + ": cancelled on the gateway (" + shown.size() + " found so far)");
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static JsonNode ended(JsonNode scan) {
        String state = scan.path("state").asText();
        return switch (state) {
            case "done" -> scan;
            case "cancelled" -> throw Failure.refused("the scan was cancelled on the gateway after "
                    + scan.path("done").asLong() + " of " + scan.path("total").asLong() + " ("
                    + scan.path("found").size() + " found)");
            default -> throw Failure.refused("the scan " + state + (scan.path("error").isTextual() ? ": "
                    + scan.path("error").asText() : ""));
        };
    }

    /** One device, one line: where it answered, its profile, how it was recognised and who made it. */
    public static String describe(JsonNode device) {
        String where = device.path("address").isTextual()
                ? device.path("address").asText() + " unit " + device.path("unitId").asInt()
                : "unit " + device.path("unitId").asInt();
        String line = device.path("baud").asInt() > 0 ? Formats.lineSetting(device.path("baud").asInt(),
                device.path("parity").asText(""), device.path("stopBits").asInt(1)) : "";
        String maker = (device.path("vendor").asText("") + " " + device.path("product").asText("")).strip();
        return String.format(Locale.ROOT, "found %-10s %-9s %-22s %-21s %s", where, line,
                Formats.value(device.get("profile")), Formats.value(device.get("identifiedBy")),
                maker.isEmpty() ? "" : maker).stripTrailing();
    }

    private static String key(JsonNode device) {
        return device.path("bus").asText() + '|' + device.path("address").asText() + '|'
                + device.path("unitId").asInt() + '|' + device.path("baud").asInt() + device.path("parity").asText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.refused("interrupted while following the scan");
        }
    }
}
