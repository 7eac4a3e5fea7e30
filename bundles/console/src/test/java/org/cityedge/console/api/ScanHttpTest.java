package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.site.Parity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** A scan started, followed and cancelled over HTTP; the driver is a hand-driven stand-in at the api seam. */
class ScanHttpTest {

    @TempDir
    Path state;
    private ConsoleRig rig;
    private final AtomicReference<ScanRequest> asked = new AtomicReference<>();
    private final AtomicReference<ScanListener> listener = new AtomicReference<>();
    private final HandScan scan = new HandScan();

    static final class HandScan implements Scan {
        final CompletableFuture<ScanResult> result = new CompletableFuture<>();
        volatile boolean cancelled;

        @Override
        public CompletionStage<ScanResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
            result.complete(new ScanResult(List.of(), 4, 900, 200_000, true));
        }
    }

    @BeforeEach
    void start() throws Exception {
        rig = new ConsoleRig(state, true);
        rig.login();
        when(rig.scanner.scan(any(), any())).thenAnswer(inv -> {
            asked.set(inv.getArgument(0));
            listener.set(inv.getArgument(1));
            return scan;
        });
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private static FoundDevice lamp(int unit) {
        return new FoundDevice("rs485-1", unit, new LineSetting(9600, Parity.EVEN, 1), "saigon-slc-110",
                "device-identification", "Saigon Lighting Controls", "SLC-110", 11_500);
    }

    @Test
    void aScanReportsItsProgressAndWhatItFound() throws Exception {
        HttpResponse<String> started = rig.change("POST", "/api/scans",
                "{\"bus\":\"rs485-1\",\"firstUnit\":1,\"lastUnit\":10,\"auto\":true}");

        assertThat(started.statusCode()).isEqualTo(202);
        String id = ConsoleRig.json(started).get("id").asText();
        assertThat(started.headers().firstValue("Location")).contains("/api/scans/" + id);
        assertThat(asked.get().firstUnit()).isEqualTo(1);
        assertThat(asked.get().lastUnit()).isEqualTo(10);
        assertThat(asked.get().lineSettings()).as("auto: the common settings, most common first").hasSize(7)
                .startsWith(new LineSetting(9600, Parity.EVEN, 1), new LineSetting(9600, Parity.NONE, 1));

        listener.get().progress(4, 70, 800, 13_200);
        listener.get().found(lamp(3));
        JsonNode running = ConsoleRig.json(rig.get("/api/scans/" + id));

        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("bus").asText()).isEqualTo("rs485-1");
        assertThat(running.get("done").asInt()).isEqualTo(4);
        assertThat(running.get("total").asInt()).isEqualTo(70);
        assertThat(running.get("etaMs").asLong()).isEqualTo(13_200);
        assertThat(running.get("elapsedMs").asLong()).isGreaterThanOrEqualTo(800);
        JsonNode found = running.at("/found/0");
        assertThat(found.get("unitId").asInt()).isEqualTo(3);
        assertThat(found.get("profile").asText()).isEqualTo("saigon-slc-110");
        assertThat(found.get("identifiedBy").asText()).isEqualTo("device-identification");
        assertThat(found.get("vendor").asText()).isEqualTo("Saigon Lighting Controls");
        assertThat(found.get("product").asText()).isEqualTo("SLC-110");
        assertThat(found.get("baud").asInt()).isEqualTo(9600);
        assertThat(found.get("parity").asText()).isEqualTo("even");
        assertThat(found.get("stopBits").asInt()).isEqualTo(1);
        assertThat(found.get("responseMicros").asLong()).isEqualTo(11_500);

        scan.result.complete(new Scan.ScanResult(List.of(lamp(3), lamp(7)), 10, 2100, 200_000, false));
        JsonNode done = ConsoleRig.json(rig.get("/api/scans/" + id));

        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("done").asInt()).isEqualTo(done.get("total").asInt());
        assertThat(done.get("elapsedMs").asLong()).isEqualTo(2100);
        assertThat(done.get("found")).extracting(f -> f.get("unitId").asInt()).containsExactly(3, 7);
    }

    @Test
    void cancellingEndsTheScanWithWhatWasFound() throws Exception {
        String id = ConsoleRig.json(rig.change("POST", "/api/scans",
                "{\"bus\":\"rs485-1\",\"lineSettings\":[{\"baud\":19200,\"parity\":\"none\",\"stopBits\":2}]}"))
                .get("id").asText();
        assertThat(asked.get().lineSettings()).containsExactly(new LineSetting(19200, Parity.NONE, 2));
        assertThat(asked.get().lastUnit()).as("the whole range by default").isEqualTo(247);

        HttpResponse<String> cancelled = rig.change("DELETE", "/api/scans/" + id, null);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(scan.cancelled).isTrue();
        assertThat(ConsoleRig.json(cancelled).get("state").asText()).isEqualTo("cancelled");
    }

    @Test
    void badScanRequestsAreRefusedWithTheField() throws Exception {
        HttpResponse<String> range = rig.change("POST", "/api/scans",
                "{\"bus\":\"rs485-1\",\"firstUnit\":20,\"lastUnit\":10}");
        HttpResponse<String> outside = rig.change("POST", "/api/scans", "{\"bus\":\"rs485-1\",\"lastUnit\":248}");
        HttpResponse<String> unknownBus = rig.change("POST", "/api/scans", "{\"bus\":\"rs485-9\"}");
        HttpResponse<String> notScannable = rig.change("POST", "/api/scans", "{\"bus\":\"nbiot\"}");
        HttpResponse<String> parity = rig.change("POST", "/api/scans",
                "{\"bus\":\"rs485-1\",\"lineSettings\":[{\"baud\":9600,\"parity\":\"mark\"}]}");

        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(range).at("/problems/0/field").asText()).isEqualTo("lastUnit");
        assertThat(ConsoleRig.json(outside).at("/problems/0/message").asText()).contains("1..247");
        assertThat(unknownBus.statusCode()).isEqualTo(404);
        assertThat(notScannable.statusCode()).isEqualTo(422);
        assertThat(ConsoleRig.json(notScannable).get("error").asText()).contains("cannot be scanned");
        assertThat(ConsoleRig.json(parity).at("/problems/0/field").asText()).isEqualTo("lineSettings[0].parity");
        verify(rig.scanner, never()).scan(any(), any());
    }

    @Test
    void aBusAlreadyBeingScannedIsAConflict() throws Exception {
        when(rig.scanner.scan(any(), any()))
                .thenThrow(new IllegalArgumentException("rs485-1 is already being scanned"));

        HttpResponse<String> r = rig.change("POST", "/api/scans", "{\"bus\":\"rs485-1\"}");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(ConsoleRig.json(r).get("error").asText()).isEqualTo("rs485-1 is already being scanned");
    }

    @Test
    void aSecondScanOfABusThatIsBeingScannedIsAConflict() throws Exception {
        assertThat(rig.change("POST", "/api/scans", "{\"bus\":\"rs485-1\"}").statusCode()).isEqualTo(202);

        HttpResponse<String> again = rig.change("POST", "/api/scans", "{\"bus\":\"rs485-1\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ConsoleRig.json(again).get("error").asText()).contains("a scan of rs485-1 is already running");
        verify(rig.scanner, times(1)).scan(any(), any());
    }

    @Test
    void inputTheDriverRefusesIsABadRequest() throws Exception {
        when(rig.scanner.scan(any(), any()))
                .thenThrow(new IllegalArgumentException("line setting 9600: baud > 0 and 1 or 2 stop bits expected"));

        HttpResponse<String> r = rig.change("POST", "/api/scans", "{\"bus\":\"rs485-1\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(r).get("error").asText()).contains("stop bits expected");
    }

    @Test
    void aHostScanWaitsAtMostTenSecondsAnAttempt() throws Exception {
        when(rig.scanner.scanHosts(any(), any())).thenReturn(scan);

        HttpResponse<String> tooLong = rig.change("POST", "/api/scans",
                "{\"hosts\":{\"first\":\"10.0.0.10\",\"last\":\"10.0.0.12\"},\"timeoutMs\":20000}");
        HttpResponse<String> longest = rig.change("POST", "/api/scans",
                "{\"hosts\":{\"first\":\"10.0.0.10\",\"last\":\"10.0.0.12\"},\"timeoutMs\":10000}");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(tooLong).at("/problems/0/field").asText()).isEqualTo("timeoutMs");
        assertThat(ConsoleRig.json(tooLong).at("/problems/0/message").asText()).contains("10000");
        assertThat(longest.statusCode()).isEqualTo(202);
        verify(rig.scanner, times(1)).scanHosts(any(), any());
    }

    @Test
    void aHostRangeGoesToTheDriverThatScansTcpHosts() throws Exception {
        AtomicReference<HostScanRequest> hosts = new AtomicReference<>();
        when(rig.scanner.scanHosts(any(), any())).thenAnswer(inv -> {
            hosts.set(inv.getArgument(0));
            return scan;
        });

        HttpResponse<String> r = rig.change("POST", "/api/scans",
                "{\"hosts\":{\"first\":\"10.0.0.10\",\"last\":\"10.0.0.40\",\"port\":502,\"unitIds\":[1]}}");
        HttpResponse<String> tooMany = rig.change("POST", "/api/scans",
                "{\"hosts\":{\"first\":\"10.0.0.0\",\"last\":\"10.0.8.0\"}}");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(hosts.get()).isEqualTo(new HostScanRequest("10.0.0.10", "10.0.0.40", 502, List.of(1), 1000));
        JsonNode view = ConsoleRig.json(rig.get("/api/scans/" + ConsoleRig.json(r).get("id").asText()));
        assertThat(view.get("total").asInt()).isEqualTo(31);
        assertThat(view.get("bus").isNull()).isTrue();
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(tooMany).at("/problems/0/field").asText()).isEqualTo("hosts.last");
    }
}
