package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Signed policy documents through the real gateway: the IOC's key is set at provisioning (a PEM file in the trust
 * configuration); a signed dimming schedule is installed, drives the simulated lamps and shows in the plan; a
 * replayed, tampered or foreign-key document is refused, the running one stays, and the refusal is reported as an
 * event; a signed rule set raises and clears its alarm and the birth shows its version; both survive a restart of
 * the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyDocumentsTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String CMD = "cityedge/v1/saigon-d1/e2e-gw-01/cmd";
    private static final List<String> LAMPS = List.of("sl-101", "sl-102", "sl-103");
    /** One step at noon: the level holds all day and night, whatever the time the test runs at. */
    private static final String SCHEDULE_V1 = "{\"type\":\"schedule\",\"version\":1,\"programs\":{\"flat\":"
            + "{\"steps\":[{\"at\":\"12:00\",\"level\":40}]}},\"default\":{\"program\":\"flat\"}}";

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    private static SignedDocuments ioc;
    private static TestBed bed;
    private static IocCommander operator;

    @BeforeAll
    static void start() throws Exception {
        ioc = SignedDocuments.newKey();
        bed = TestBed.start("policies", Sites.read(SIM.siteFile()), config -> {
            try {
                config.component("org.cityedge.trust", Map.of("publicKeyFile",
                        ioc.writePublicKey(config.dir().resolveSibling("ioc-key.pem")).toAbsolutePath()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        operator = IocCommander.connect(bed.broker().url());
        Bounded.await("the gateway's birth", LIMIT, () -> !bed.ioc().messages(m -> m.is("state")).isEmpty(),
                bed::diagnostics);
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void aSignedScheduleIsInstalledAndDrivesTheLamps() throws Exception {
        JsonNode reply = push("set-schedule", "sched-1", ioc.envelope(SCHEDULE_V1));
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
        assertThat(reply.path("data").path("version").asLong()).as(reply.toString()).isEqualTo(1);
        awaitLampsAt(40);

        JsonNode plan = operator.call(CMD, "{\"id\":\"plan-1\",\"action\":\"plan\",\"target\":{\"device\":"
                + "\"sl-101\"},\"hours\":24}", LIMIT);
        assertThat(Schemas.validate("reply", plan)).as(plan.toString()).isEmpty();
        assertThat(plan.path("status").asText()).as(plan.toString()).isEqualTo("ok");
        List<JsonNode> dimSteps = new java.util.ArrayList<>();
        plan.path("data").path("steps").forEach(step -> {
            assertThat(step.path("device").asText()).isEqualTo("sl-101");
            if (step.path("point").asText().equals("dimLevel")) {
                dimSteps.add(step);
            }
        });
        assertThat(dimSteps).as("the flat programme: one dimLevel step, 40 percent, from the schedule: " + plan)
                .singleElement().satisfies(step -> {
                    assertThat(step.path("value").asDouble()).isEqualTo(40.0);
                    assertThat(step.path("source").asText()).isEqualTo("schedule");
                });
    }

    @Test
    @Order(2)
    void replayedTamperedAndForeignDocumentsAreRefusedAndReported() throws Exception {
        long before = System.nanoTime();
        assertThat(errorCode(push("set-schedule", "sched-2", ioc.envelope(SCHEDULE_V1))))
                .isEqualTo("replayed-version");
        assertThat(errorCode(push("set-schedule", "sched-3", ioc.tampered(SCHEDULE_V1.replace("\"version\":1",
                "\"version\":2"), SCHEDULE_V1.replace("\"version\":1", "\"version\":2").replace("40", "100")))))
                .isEqualTo("bad-signature");
        assertThat(errorCode(push("set-schedule", "sched-4", SignedDocuments.newKey()
                .envelope(SCHEDULE_V1.replace("\"version\":1", "\"version\":3"))))).isEqualTo("bad-signature");
        Bounded.await("three refusal events from the gateway", LIMIT, () -> bed.ioc().messages(m -> m.is("event")
                && m.arrivedNanos() - before > 0 && "policyDocumentRefused".equals(m.json().path("event").asText()))
                .size() >= 3, bed::diagnostics);
        assertThat(bed.ioc().schemaProblems()).isEmpty();
        for (String lamp : LAMPS) {
            assertThat(SIM.simulator().device(lamp).value("dimLevel")).as(lamp + " still runs version 1")
                    .isEqualTo(40.0);
        }
    }

    @Test
    @Order(3)
    void aSignedRuleSetRunsRaisesItsAlarmAndTheBirthShowsItsVersion() throws Exception {
        SIM.simulator().device("aq-101").set("pm25", 75);
        String ruleSet = "{\"type\":\"ruleset\",\"version\":7,\"site\":\"saigon-d1\",\"gatewayId\":\"e2e-gw-01\","
                + "\"rules\":[{\"id\":\"pm25-high\",\"for\":{\"profile\":\"mekong-aqm6\"},\"when\":\"pm25 > 50\","
                + "\"until\":\"pm25 < 40\",\"actions\":[{\"alarm\":{\"event\":\"pm25High\",\"severity\":\"warning\","
                + "\"point\":\"pm25\",\"reason\":\"PM2.5 at {pm25} ug/m3\"}}]}]}";
        JsonNode reply = push("push-rules", "rules-7", ioc.envelope(ruleSet));
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
        assertThat(reply.path("data").path("version").asLong()).isEqualTo(7);
        Bounded.await("the pm25High alarm of aq-101, raised by rule pm25-high", LIMIT, () -> bed.ioc().messages(
                m -> m.is("event") && m.device().equals("aq-101")).stream().anyMatch(m -> "pm25High".equals(
                m.json().path("event").asText()) && "raised".equals(m.json().path("state").asText())
                && "pm25-high".equals(m.json().path("rule").asText())), bed::diagnostics);
        Bounded.await("a birth that shows rule set 7", LIMIT, () -> bed.ioc().messages(m -> m.is("state")
                && "7".equals(m.json().path("ruleSetVersion").asText())).size() > 0, bed::diagnostics);

        SIM.simulator().device("aq-101").set("pm25", 20);
        Bounded.await("the alarm cleared when PM2.5 fell below 40", LIMIT, () -> bed.ioc().messages(
                m -> m.is("event") && m.device().equals("aq-101")).stream().anyMatch(m -> "pm25High".equals(
                m.json().path("event").asText()) && "cleared".equals(m.json().path("state").asText())),
                bed::diagnostics);
        assertThat(bed.ioc().schemaProblems()).isEmpty();
    }

    @Test
    @Order(4)
    void theScheduleAndRulesSurviveARestartOfTheGateway() throws Exception {
        bed.gateway().stop();
        for (String lamp : LAMPS) { // the lamps come back at their own default while the gateway is away
            SIM.simulator().device(lamp).set("dimLevel", 100);
        }
        long restarted = System.nanoTime();
        bed.gateway().start().awaitReady();
        awaitLampsAt(40);
        Bounded.await("the restarted gateway's birth, still with rule set 7", LIMIT, () -> bed.ioc().messages(
                m -> m.is("state") && m.arrivedNanos() - restarted > 0 && "online".equals(m.json().path("status")
                        .asText()) && "7".equals(m.json().path("ruleSetVersion").asText())).size() > 0,
                bed::diagnostics);
    }

    private static void awaitLampsAt(double level) {
        Bounded.await("every lamp at " + level + " %", LIMIT, () -> LAMPS.stream()
                .allMatch(l -> SIM.simulator().device(l).value("dimLevel") == level), bed::diagnostics);
    }

    private static JsonNode push(String action, String id, String envelope) throws Exception {
        JsonNode reply = operator.call(CMD, "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"envelope\":"
                + envelope + "}", LIMIT);
        assertThat(Schemas.validate("reply", reply)).as(reply.toString()).isEmpty();
        return reply;
    }

    private static String errorCode(JsonNode reply) {
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("error");
        return reply.path("error").path("code").asText();
    }
}
