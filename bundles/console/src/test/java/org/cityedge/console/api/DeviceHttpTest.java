package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The device list with readings and sparkline data, and the lamp tests, over HTTP. */
class DeviceHttpTest {

    @TempDir
    Path state;
    private ConsoleRig rig;
    private final List<PointClaim> claims = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        rig = new ConsoleRig(state, true);
        rig.login();
        when(rig.control.claim(any())).thenAnswer(inv -> {
            PointClaim c = inv.getArgument(0);
            claims.add(c);
            return CompletableFuture.completedFuture(new ClaimResult(c, c,
                    new WriteResult(c.deviceId(), c.point(), c.value(), c.value() instanceof Double d
                            ? (Object) d.longValue() : c.value(), true, null)));
        });
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void dimPlacesAnOverrideClaimOwnedByTheConsoleAndShowsTheReadBack() throws Exception {
        long before = System.currentTimeMillis();

        HttpResponse<String> r = rig.change("POST", "/api/devices/sl-001/dim", "{\"level\":50,\"seconds\":90}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ConsoleRig.json(r);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("value").asDouble()).isEqualTo(50.0);
        assertThat(body.get("readBack").asLong()).isEqualTo(50);
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(claims).hasSize(1);
        PointClaim c = claims.get(0);
        assertThat(c.deviceId()).isEqualTo("sl-001");
        assertThat(c.point()).isEqualTo("dimLevel");
        assertThat(c.value()).isEqualTo(50.0);
        assertThat(c.source()).isEqualTo(ControlSource.OVERRIDE);
        assertThat(c.owner()).isEqualTo("console");
        assertThat(c.until()).isBetween(before + 90_000, System.currentTimeMillis() + 90_000);
    }

    @Test
    void dimLevelsOutsideZeroToHundredAreRefusedBeforeAnyClaim() throws Exception {
        HttpResponse<String> high = rig.change("POST", "/api/devices/sl-001/dim", "{\"level\":150}");
        HttpResponse<String> text = rig.change("POST", "/api/devices/sl-001/dim", "{\"level\":\"half\"}");
        HttpResponse<String> unknown = rig.change("POST", "/api/devices/sl-404/dim", "{\"level\":50}");

        assertThat(high.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(high).at("/problems/0/field").asText()).isEqualTo("level");
        assertThat(ConsoleRig.json(high).at("/problems/0/message").asText()).contains("0..100");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        verify(rig.control, never()).claim(any());
    }

    @Test
    void blinkSwitchesFullOnAndOffThenReleases() throws Exception {
        HttpResponse<String> r = rig.change("POST", "/api/devices/sl-001/blink", "{\"times\":2,\"periodMs\":400}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ConsoleRig.json(r).get("ok").asBoolean()).isTrue();
        assertThat(ConsoleRig.json(r).get("steps").asInt()).isEqualTo(4);
        assertThat(claims).extracting(PointClaim::value).containsExactly(100.0, true, false, 100.0, true, false);
        verify(rig.control).release("sl-001", "powerState", ControlSource.OVERRIDE, "console");
        verify(rig.control).release("sl-001", "dimLevel", ControlSource.OVERRIDE, "console");
    }

    @Test
    void aDimWhileTheLampBlinksIsAConflict() throws Exception {
        CompletableFuture<ClaimResult> firstStep = new CompletableFuture<>();
        doAnswer(inv -> { // the blink's first write is not verified yet
            PointClaim c = inv.getArgument(0);
            claims.add(c);
            return firstStep;
        }).when(rig.control).claim(any());
        CompletableFuture<HttpResponse<String>> blink = CompletableFuture.supplyAsync(() -> {
            try {
                return rig.change("POST", "/api/devices/sl-001/blink", "{\"times\":1,\"periodMs\":400}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (claims.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try {
            HttpResponse<String> dim = rig.change("POST", "/api/devices/sl-001/dim", "{\"level\":50}");

            assertThat(dim.statusCode()).isEqualTo(409);
            assertThat(ConsoleRig.json(dim).get("error").asText()).contains("a blink is running on sl-001");
        } finally {
            firstStep.complete(ClaimResult.refused(claims.get(0), null, "test over"));
        }
        assertThat(blink.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(claims).extracting(PointClaim::value).doesNotContain(50.0);
    }

    @Test
    void readAllReadsEveryPointNow() throws Exception {
        long t = System.currentTimeMillis();
        when(rig.driver.readNow("sl-001")).thenReturn(CompletableFuture.completedFuture(List.of(
                Sample.good("sl-001", "voltage", 229.8, "V", t),
                Sample.bad("sl-001", "activePower", "W", t, "exception:2"))));

        HttpResponse<String> r = rig.change("POST", "/api/devices/sl-001/read", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode samples = ConsoleRig.json(r).get("samples");
        assertThat(samples.at("/0/point").asText()).isEqualTo("voltage");
        assertThat(samples.at("/0/value").asDouble()).isEqualTo(229.8);
        assertThat(samples.at("/0/unit").asText()).isEqualTo("V");
        assertThat(samples.at("/0/quality").asText()).isEqualTo("GOOD");
        assertThat(samples.at("/1/value").isNull()).isTrue();
        assertThat(samples.at("/1/reason").asText()).isEqualTo("exception:2");
    }

    @Test
    void theDeviceListCarriesLatestReadingsAndRecentValuesInProfileOrder() throws Exception {
        when(rig.driver.health()).thenReturn(List.of(new DeviceHealth("sl-001", "rs485-1", DeviceState.ONLINE,
                1, 1, 1, Map.of())));
        for (int i = 0; i < 3; i++) {
            rig.history.accept(List.of(Sample.good("sl-001", "activePower", 80.0 + i, "W", 1000L + i),
                    Sample.good("sl-001", "dimLevel", 100L, "%", 1000L + i)));
        }

        JsonNode d = ConsoleRig.json(rig.get("/api/devices")).get(0);

        assertThat(d.get("id").asText()).isEqualTo("sl-001");
        assertThat(d.get("state").asText()).isEqualTo("ONLINE");
        assertThat(d.get("unitId").asInt()).isEqualTo(1);
        assertThat(d.get("group").asText()).isEqualTo("circuit-a");
        assertThat(d.at("/location/latitude").asDouble()).isEqualTo(11.5352);
        List<String> points = new ArrayList<>();
        d.get("readings").fieldNames().forEachRemaining(points::add);
        assertThat(points).as("the profile's order").containsExactly("dimLevel", "activePower");
        JsonNode power = d.at("/readings/activePower");
        assertThat(power.get("value").asDouble()).isEqualTo(82.0);
        assertThat(power.get("unit").asText()).isEqualTo("W");
        assertThat(power.get("quality").asText()).isEqualTo("GOOD");
        assertThat(power.get("recent")).hasSize(3);
        assertThat(power.at("/recent/0/0").asLong()).isEqualTo(1000);
        assertThat(power.at("/recent/2/1").asDouble()).isEqualTo(82.0);
    }
}
