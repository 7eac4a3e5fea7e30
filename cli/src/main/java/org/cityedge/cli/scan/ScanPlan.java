package org.cityedge.cli.scan;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to scan ({@code POST /api/scans} body), how to call it for a person, and the longest the CLI waits for it.
 *
 * @param request     the request body
 * @param description e.g. {@code bus rs485-1, unit ids 1-247}
 * @param maxWait     generous bound on the whole scan: the CLI cancels it on the gateway after this
 */
public record ScanPlan(ObjectNode request, String description, Duration maxWait) {

    /** Line settings {@code auto} tries, in the gateway's order (http-api.md). */
    public static final int AUTO_LINE_SETTINGS = 7;
    /** Assumed per unit id and line setting when no timeout is given: far above the driver's default at 9600 baud. */
    private static final long ASSUMED_ATTEMPT_MS = 1_000;
    private static final long ASSUMED_HOST_ATTEMPT_MS = 3_000;
    private static final Duration SLACK = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A serial line setting to try; parity is even, odd or none. */
    public record LineSetting(int baud, String parity, int stopBits) {

        public LineSetting {
            parity = parity.toLowerCase(Locale.ROOT);
            if (!List.of("even", "odd", "none").contains(parity)) {
                throw new IllegalArgumentException("parity " + parity + " is not even, odd or none");
            }
        }
    }

    /**
     * A scan of unit ids on a bus of the site.
     *
     * @param lineSetting the serial setting to try, or null for the bus's own (ignored when {@code auto})
     * @param auto        try the common settings in turn
     * @param timeoutMs   per unit id, 0 for the driver's default
     */
    public static ScanPlan bus(String bus, int firstUnit, int lastUnit, LineSetting lineSetting, boolean auto,
            int timeoutMs) {
        ObjectNode request = NODES.objectNode().put("bus", bus).put("firstUnit", firstUnit).put("lastUnit", lastUnit);
        ArrayNode settings = request.putArray("lineSettings");
        if (lineSetting != null && !auto) {
            settings.addObject().put("baud", lineSetting.baud()).put("parity", lineSetting.parity())
                    .put("stopBits", lineSetting.stopBits());
        }
        request.put("auto", auto).put("timeoutMs", timeoutMs);
        long attempts = (long) (lastUnit - firstUnit + 1) * (auto ? AUTO_LINE_SETTINGS : 1);
        String what = "bus " + bus + ", unit ids " + firstUnit + "-" + lastUnit
                + (auto ? ", line settings detected" : lineSetting != null ? ", at " + lineSetting.baud() + " "
                        + lineSetting.parity() + " parity " + lineSetting.stopBits() + " stop bit(s)" : "");
        return new ScanPlan(request, what, bound(attempts, timeoutMs > 0 ? timeoutMs : ASSUMED_ATTEMPT_MS));
    }

    /**
     * A scan of consecutive IPv4 hosts for Modbus TCP devices.
     *
     * @param unitIds unit ids asked on each host; empty for the gateway's default (1 and 255)
     */
    public static ScanPlan hosts(String firstHost, String lastHost, int port, List<Integer> unitIds, int timeoutMs) {
        ObjectNode request = NODES.objectNode();
        ObjectNode hosts = request.putObject("hosts").put("first", firstHost).put("last", lastHost).put("port", port);
        ArrayNode units = hosts.putArray("unitIds");
        unitIds.forEach(units::add);
        request.put("timeoutMs", timeoutMs);
        long count = Math.max(1, ipv4(lastHost) - ipv4(firstHost) + 1);
        long attempts = count * Math.max(2, unitIds.size());
        return new ScanPlan(request, "hosts " + firstHost + "-" + lastHost + " port " + port,
                bound(attempts, timeoutMs > 0 ? timeoutMs : ASSUMED_HOST_ATTEMPT_MS));
    }

    /** Twice the worst case of every attempt timing out, plus a minute: a bound, not an estimate. */
    private static Duration bound(long attempts, long perAttemptMs) {
        return SLACK.plusMillis(2 * attempts * perAttemptMs);
    }

    /** An IPv4 address as a number, to count a range; refuses anything else. */
    public static long ipv4(String address) {
        String[] parts = address.strip().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(address + " is not an IPv4 address");
        }
        long value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(address + " is not an IPv4 address", e);
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException(address + " is not an IPv4 address");
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
