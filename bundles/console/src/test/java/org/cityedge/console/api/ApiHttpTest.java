package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.api.site.GeoPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;

/** Provisioning endpoints, errors and the status over real HTTP, services mocked at the api seam. */
class ApiHttpTest {

    @TempDir
    Path state;
    private ConsoleRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new ConsoleRig(state, true);
        rig.login();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aRefusedConfigurationIs422WithTheProvisioningProblems() throws Exception {
        when(rig.provisioning.configure(any())).thenReturn(ChangeResult.refused(List.of(
                new FieldProblem("org.cityedge.uplink.mqtt/brokerUrl", "not a tcp://, ssl:// or ws:// URL"),
                new FieldProblem("org.cityedge.uplink.mqtt/qos", "must be 0, 1 or 2"))));

        HttpResponse<String> r = rig.change("PUT", "/api/config",
                "{\"org.cityedge.uplink.mqtt\":{\"brokerUrl\":\"htp://x\",\"qos\":7,\"username\":null}}");

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = ConsoleRig.json(r);
        assertThat(body.get("applied").asBoolean()).isFalse();
        assertThat(body.at("/problems/0/field").asText()).isEqualTo("org.cityedge.uplink.mqtt/brokerUrl");
        assertThat(body.at("/problems/1/message").asText()).isEqualTo("must be 0, 1 or 2");
        assertThat(body.get("error").asText()).startsWith("refused: org.cityedge.uplink.mqtt/brokerUrl");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Map<String, String>>> sent = ArgumentCaptor.forClass(Map.class);
        verify(rig.provisioning).configure(sent.capture());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("brokerUrl", "htp://x");
        expected.put("qos", "7");
        expected.put("username", null);
        assertThat(sent.getValue()).containsEntry("org.cityedge.uplink.mqtt", expected);
    }

    @Test
    void thePasswordHashCannotBeSetAsAPlainSetting() throws Exception {
        HttpResponse<String> r = rig.change("PUT", "/api/config",
                "{\"org.cityedge.console\":{\"passwordHash\":\"pbkdf2-sha256$1000$AAAA$BBBB\"}}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(ConsoleRig.json(r).at("/problems/0/field").asText()).isEqualTo("org.cityedge.console/passwordHash");
        verify(rig.provisioning, never()).configure(any());
    }

    @Test
    void settingsOfEveryManagedPidWithSecretsMasked() throws Exception {
        when(rig.provisioning.managedPids()).thenReturn(List.of("org.cityedge.uplink.mqtt"));
        when(rig.provisioning.settings("org.cityedge.uplink.mqtt")).thenReturn(Map.of("brokerUrl",
                "ssl://ioc:8883", "password", Provisioning.SECRET_MASK, "qos", 1, "pointPolicies",
                new String[] {"a", "b"}));

        JsonNode body = ConsoleRig.json(rig.get("/api/config"));

        assertThat(body.at("/org.cityedge.uplink.mqtt/password").asText()).isEqualTo("********");
        assertThat(body.at("/org.cityedge.uplink.mqtt/qos").asInt()).isEqualTo(1);
        assertThat(body.at("/org.cityedge.uplink.mqtt/pointPolicies/1").asText()).isEqualTo("b");
    }

    @Test
    void malformedJsonIs400NamingTheProblemAndEveryRefusalIsCounted() throws Exception {
        HttpResponse<String> broken = rig.change("PUT", "/api/identity", "{\"site\": \"dong-xoai\",");
        HttpResponse<String> duplicate = rig.change("PUT", "/api/identity", "{\"site\":\"a\",\"site\":\"b\"}");
        HttpResponse<String> array = rig.change("PUT", "/api/identity", "[1,2]");
        HttpResponse<String> unknownPath = rig.get("/api/nothing/here");
        HttpResponse<String> wrongMethod = rig.change("POST", "/api/status", "{}");
        HttpResponse<String> unknownDevice = rig.change("POST", "/api/devices/sl-404/read", "{}");
        HttpResponse<String> unknownScan = rig.get("/api/scans/0123456789abcdef");

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(broken).get("error").asText()).startsWith("malformed JSON: ").contains("line 1");
        assertThat(ConsoleRig.json(duplicate).get("error").asText()).contains("Duplicate field 'site'");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(ConsoleRig.json(array).get("error").asText()).contains("expected a JSON object");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(unknownDevice.statusCode()).isEqualTo(404);
        assertThat(ConsoleRig.json(unknownDevice).get("error").asText()).isEqualTo("unknown device: sl-404");
        assertThat(unknownScan.statusCode()).isEqualTo(404);
        verify(rig.provisioning, never()).setIdentity(any());

        when(rig.provisioning.identity()).thenReturn(new Identity("dong-xoai", "dx-cab-001", null, "UTC"));
        when(rig.provisioning.tls()).thenReturn(new TlsStatus(true, false, null, 0, null, false));
        assertThat(ConsoleRig.json(rig.get("/api/status")).at("/console/refusals").asLong()).isEqualTo(7);
    }

    @Test
    void identityFieldsAreCheckedAndTheRestGoesToProvisioning() throws Exception {
        HttpResponse<String> bad = rig.change("PUT", "/api/identity",
                "{\"site\":\"dong-xoai\",\"gatewayId\":7,\"location\":{\"latitude\":\"north\",\"longitude\":500}}");

        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(ConsoleRig.json(bad).get("problems")).extracting(p -> p.get("field").asText())
                .containsExactly("gatewayId", "location.latitude", "location.longitude");

        when(rig.provisioning.setIdentity(any())).thenReturn(ChangeResult.applied(List.of("the uplink reconnects")));
        HttpResponse<String> good = rig.change("PUT", "/api/identity", "{\"site\":\"dong-xoai\",\"gatewayId\":"
                + "\"dx-cab-002\",\"location\":{\"latitude\":11.5,\"longitude\":106.9},"
                + "\"timezone\":\"Asia/Ho_Chi_Minh\"}");

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(ConsoleRig.json(good).at("/notes/0").asText()).isEqualTo("the uplink reconnects");
        verify(rig.provisioning).setIdentity(new Identity("dong-xoai", "dx-cab-002", new GeoPoint(11.5, 106.9),
                "Asia/Ho_Chi_Minh"));
    }

    @Test
    void statusShowsEveryPartAndSaysWhatIsMissing() throws Exception {
        when(rig.provisioning.identity()).thenReturn(new Identity("dong-xoai", "dx-cab-001",
                new GeoPoint(11.5349, 106.8832), "Asia/Ho_Chi_Minh"));
        when(rig.provisioning.tls()).thenReturn(new TlsStatus(true, true, null, 0, null, true));
        when(rig.driver.health()).thenReturn(List.of(new DeviceHealth("sl-001", "rs485-1", DeviceState.DEGRADED,
                1_700_000_000_000L, 15_000, 100, Map.of("timeout", 3L))));
        PolicyDocumentHandler rules = mock(PolicyDocumentHandler.class);
        when(rules.type()).thenReturn("ruleset");
        when(rules.activeVersion()).thenReturn(12L);
        rig.services.policies().add(rules);

        JsonNode s = ConsoleRig.json(rig.get("/api/status"));

        assertThat(s.at("/identity/gatewayId").asText()).isEqualTo("dx-cab-001");
        assertThat(s.at("/uplink/state").asText()).isEqualTo("DISABLED");
        assertThat(s.at("/uplink/problem").asText()).isEqualTo("the uplink is not running");
        assertThat(s.at("/buffer/problem").asText()).isEqualTo("the buffer is not running");
        assertThat(s.at("/rules/version").asLong()).isEqualTo(12);
        assertThat(s.at("/schedule/version").isNull()).isTrue();
        assertThat(s.at("/devices/0/state").asText()).isEqualTo("DEGRADED");
        assertThat(s.at("/devices/0/errors/timeout").asLong()).isEqualTo(3);
        assertThat(s.at("/tls/requestPending").asBoolean()).isTrue();
        assertThat(s.at("/console/sessions").asInt()).isEqualTo(1);
    }

    @Test
    void everyApiAnswerCarriesTheSecurityHeadersAndIsNeverCached() throws Exception {
        for (HttpResponse<String> r : List.of(rig.get("/api/buses"), rig.get("/api/nope"))) {
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'self'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        }
    }

    @Test
    void busesAndProfilesFromTheSite() throws Exception {
        JsonNode buses = ConsoleRig.json(rig.get("/api/buses"));
        JsonNode profiles = ConsoleRig.json(rig.get("/api/profiles"));

        assertThat(buses.at("/0/id").asText()).isEqualTo("rs485-1");
        assertThat(buses.at("/0/type").asText()).isEqualTo("serial");
        assertThat(buses.at("/0/parity").asText()).isEqualTo("even");
        assertThat(buses.at("/0/scannable").asBoolean()).isTrue();
        assertThat(buses.at("/1/type").asText()).isEqualTo("coap");
        assertThat(buses.at("/1/scannable").asBoolean()).isFalse();
        assertThat(profiles.at("/0/manufacturer").asText()).isEqualTo("Saigon Lighting Controls");
        assertThat(profiles.at("/0/kind").asText()).isEqualTo("streetlight-controller");
        assertThat(profiles.at("/0/protocol").asText()).isEqualTo("modbus");
    }

    @Test
    void exportAndImportGoThroughProvisioningWhole() throws Exception {
        when(rig.provisioning.exportConfiguration(false)).thenReturn("{\"format\":\"cityedge-config/1\"}");
        when(rig.provisioning.importConfiguration(any())).thenReturn(ChangeResult.applied(List.of()));

        HttpResponse<String> exported = rig.get("/api/export?withKey=false");
        HttpResponse<String> badFlag = rig.get("/api/export?withKey=yes");
        HttpResponse<String> badImport = rig.change("POST", "/api/import", "{\"format\":");
        HttpResponse<String> imported = rig.change("POST", "/api/import", exported.body());

        assertThat(exported.body()).isEqualTo("{\"format\":\"cityedge-config/1\"}");
        assertThat(badFlag.statusCode()).isEqualTo(400);
        assertThat(badImport.statusCode()).isEqualTo(400);
        assertThat(imported.statusCode()).isEqualTo(200);
        verify(rig.provisioning).importConfiguration("{\"format\":\"cityedge-config/1\"}");
    }

    @Test
    void assignChecksTheShapeThenProvisioningTheSite() throws Exception {
        HttpResponse<String> bad = rig.change("POST", "/api/devices",
                "{\"devices\":[{\"id\":\"sl-010\",\"bus\":\"rs485-1\",\"unitId\":\"ten\"},{\"bus\":\"rs485-1\"}]}");

        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(ConsoleRig.json(bad).get("problems")).extracting(p -> p.get("field").asText())
                .containsExactly("devices[0].unitId", "devices[0].profile", "devices[1].id", "devices[1].profile");

        when(rig.provisioning.assign(any(), any())).thenReturn(ChangeResult.applied(List.of()));
        HttpResponse<String> ok = rig.change("POST", "/api/devices", "{\"buses\":[{\"id\":\"tcp-10-0-0-12\",\"type\":"
                + "\"tcp\",\"host\":\"10.0.0.12\",\"tcpPort\":502}],\"devices\":[{\"id\":\"aq-002\",\"bus\":"
                + "\"tcp-10-0-0-12\",\"unitId\":1,\"profile\":\"mekong-aqm6\",\"group\":\"environment\"}]}");

        assertThat(ok.statusCode()).isEqualTo(200);
        verify(rig.provisioning).assign(
                List.of(new org.cityedge.api.site.BusDefinition("tcp-10-0-0-12", org.cityedge.api.site.BusType.TCP,
                        null, 0, null, 0, "10.0.0.12", 502, 0, 1)),
                List.of(new org.cityedge.api.site.DeviceDefinition("aq-002", null, "tcp-10-0-0-12", 1, "mekong-aqm6",
                        null, "environment")));
    }
}
