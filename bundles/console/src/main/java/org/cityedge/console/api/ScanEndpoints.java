package org.cityedge.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.site.Parity;
import org.cityedge.console.http.ApiException;
import org.cityedge.console.http.Exchange;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Reply;
import org.cityedge.console.live.ScanJob;
import org.cityedge.console.live.ScanRegistry;

/** Bus and TCP host scans: started here, followed by polling {@code GET /api/scans/{id}}, cancelled by DELETE. */
final class ScanEndpoints {

    /** What {@code auto: true} tries, most common first (docs/console/http-api.md). */
    static final List<LineSetting> AUTO = List.of(
            new LineSetting(9600, Parity.EVEN, 1), new LineSetting(9600, Parity.NONE, 1),
            new LineSetting(19200, Parity.EVEN, 1), new LineSetting(19200, Parity.NONE, 1),
            new LineSetting(38400, Parity.NONE, 1), new LineSetting(4800, Parity.EVEN, 1),
            new LineSetting(115200, Parity.NONE, 1));
    static final int DEFAULT_HOST_TIMEOUT_MS = 1000;
    /** A host scan's longest wait per host and unit id (the Modbus driver refuses more). */
    static final int MAX_HOST_TIMEOUT_MS = 10_000;
    /** The registry's key for the host scan: one at a time, as the driver runs them. */
    static final String HOSTS = "hosts";
    static final long CANCEL_WAIT_MS = 2000;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final GatewayServices services;
    private final ScanRegistry registry;

    ScanEndpoints(GatewayServices services, ScanRegistry registry) {
        this.services = services;
        this.registry = registry;
    }

    Reply start(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        ScanJob job = in.has("hosts") ? startHosts(in) : startBus(in);
        return Reply.json(202, Json.object().put("id", job.id())).withHeader("Location", "/api/scans/" + job.id());
    }

    private ScanJob startBus(Input in) throws ApiException {
        String bus = in.text("bus", true);
        int first = in.integer("firstUnit", 1, 1, 247);
        int last = in.integer("lastUnit", 247, 1, 247);
        boolean auto = in.bool("auto", false);
        int timeoutMs = in.integer("timeoutMs", 0, 0, 60_000);
        List<LineSetting> settings = new ArrayList<>();
        for (Input s : in.array("lineSettings")) {
            if (s.isObject()) {
                Integer baud = s.integer("baud", null, 300, 4_000_000);
                Parity parity = s.choice("parity", Parity.class, false);
                int stopBits = s.integer("stopBits", 1, 1, 2);
                if (baud != null) {
                    settings.add(new LineSetting(baud, parity == null ? Parity.NONE : parity, stopBits));
                }
            }
        }
        if (first > last) {
            in.problem("lastUnit", "must not be below firstUnit (" + first + ")");
        }
        in.check();
        BusScanner scanner = services.scannerOf(bus).orElseThrow(() -> noScanner(bus));
        List<LineSetting> tried = auto ? AUTO : settings;
        ScanRequest request = new ScanRequest(bus, first, last, tried, timeoutMs);
        int total = (last - first + 1) * Math.max(1, tried.size());
        return start(bus, bus, total, listener -> scanner.scan(request, listener));
    }

    private ApiException noScanner(String bus) {
        return services.site().bus(bus).map(b -> new ApiException(422, "bus " + bus + " (" + Views.name(b.type())
                + ") cannot be scanned: no running driver scans it")).orElseGet(
                        () -> ApiException.notFound("unknown bus: " + bus));
    }

    private ScanJob startHosts(Input in) throws ApiException {
        Input hosts = in.object("hosts");
        String first = hosts.text("first", true);
        String last = hosts.text("last", true);
        int port = hosts.integer("port", 502, 1, 65_535);
        List<Integer> unitIds = new ArrayList<>();
        for (Input u : hosts.array("unitIds")) {
            Integer unit = u.wholeNumber(0, 255);
            if (unit != null) {
                unitIds.add(unit);
            }
        }
        int timeoutMs = in.integer("timeoutMs", 0, 0, MAX_HOST_TIMEOUT_MS);
        long count = 0;
        if (first != null && last != null) {
            long a = ipv4(hosts, "first", first);
            long b = ipv4(hosts, "last", last);
            count = b - a + 1;
            if (a >= 0 && b >= 0 && (count < 1 || count > HostScanRequest.MAX_HOSTS)) {
                hosts.problem("hosts.last", "the range must hold 1.." + HostScanRequest.MAX_HOSTS + " hosts");
            }
        }
        in.check();
        HostScanRequest request = new HostScanRequest(first, last, port, unitIds,
                timeoutMs == 0 ? DEFAULT_HOST_TIMEOUT_MS : timeoutMs);
        for (BusScanner scanner : services.scanners()) {
            try {
                return start(HOSTS, null, (int) count, listener -> scanner.scanHosts(request, listener));
            } catch (UnsupportedOperationException e) {
                // another driver may reach TCP hosts
            }
        }
        throw ApiException.unavailable("no running driver scans TCP hosts");
    }

    /**
     * Starts through the registry. A scan of the same bus (or the host scan) already running here, or a full
     * registry, is a 409; so is a driver saying the bus is "already" being scanned (by a scan that is still winding
     * down). Any other refusal of the driver ({@link IllegalArgumentException}: input it does not take) is a 400.
     */
    private ScanJob start(String key, String bus, int total, Function<ScanListener, Scan> starter)
            throws ApiException {
        try {
            return registry.start(key, bus, total, starter);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "the driver refused the scan" : e.getMessage();
            throw message.contains("already") ? ApiException.conflict(message) : ApiException.badRequest(message);
        }
    }

    /** The address as a number, or -1 with a problem noted. */
    private static long ipv4(Input in, String field, String text) {
        var m = IPV4.matcher(text.strip());
        if (m.matches()) {
            long v = 0;
            boolean ok = true;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                ok &= octet <= 255;
                v = v << 8 | octet;
            }
            if (ok) {
                return v;
            }
        }
        in.problem("hosts." + field, "must be an IPv4 address such as 10.0.0.10");
        return -1;
    }

    Reply get(Exchange ex) throws ApiException {
        return Reply.ok(Views.scan(job(ex).view()));
    }

    Reply cancel(Exchange ex) throws ApiException {
        ScanJob job = job(ex);
        job.cancel(CANCEL_WAIT_MS);
        return Reply.ok(Views.scan(job.view()));
    }

    private ScanJob job(Exchange ex) throws ApiException {
        String id = ex.param("id");
        return registry.get(id).orElseThrow(() -> ApiException.notFound("unknown scan: " + id));
    }
}
