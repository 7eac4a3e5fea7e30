package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The IOC commands the real gateway over MQTT v5 and the simulated lamps follow: a group dim reaches every lamp of
 * the circuit, verified by read-back and visible in the next telemetry; a repeated command id is answered from the
 * first reply without running again; an expired or invalid command changes nothing and says why.
 */
class CommandsTest {

    private static final Duration REPLY_LIMIT = Duration.ofSeconds(30);
    private static final List<String> CIRCUIT_A = List.of("sl-101", "sl-102", "sl-103");

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    private static TestBed bed;
    private static IocCommander operator;
    private static String cmdTopic;

    @BeforeAll
    static void start() throws Exception {
        bed = TestBed.start("commands", Sites.read(SIM.siteFile()));
        operator = IocCommander.connect(bed.broker().url());
        cmdTopic = "cityedge/v1/saigon-d1/e2e-gw-01/cmd";
        Bounded.await("the gateway's birth (it subscribes to its commands when it connects)", REPLY_LIMIT,
                () -> !bed.ioc().messages(m -> m.is("state")).isEmpty(), bed::diagnostics);
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
    void aGroupDimReachesEveryLampOfTheCircuitAndShowsInTelemetry() throws Exception {
        long sent = System.nanoTime();
        JsonNode reply = call("{\"id\":\"e2e-dim-1\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-a\"},"
                + "\"level\":35}");
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
        assertThat(reply.path("gatewayId").asText()).isEqualTo("e2e-gw-01");
        List<JsonNode> results = StreamSupport.stream(reply.path("results").spliterator(), false).toList();
        assertThat(results).extracting(r -> r.path("device").asText()).containsExactlyElementsOf(CIRCUIT_A);
        for (JsonNode r : results) {
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ok");
            assertThat(r.path("values").path("dimLevel").asDouble()).as(r.toString()).isEqualTo(35.0);
        }
        for (String lamp : CIRCUIT_A) {
            assertThat(SIM.simulator().device(lamp).value("dimLevel")).as(lamp).isEqualTo(35.0);
        }
        Bounded.await("telemetry of sl-102 with dimLevel 35 after the command", REPLY_LIMIT,
                () -> bed.ioc().messages(m -> m.is("telemetry") && m.device().equals("sl-102")
                        && m.arrivedNanos() - sent > 0).stream()
                        .anyMatch(m -> Telemetry.latest(List.of(m), "sl-102", "dimLevel")
                                .map(v -> v.path("value").asDouble() == 35.0).orElse(false)),
                bed::diagnostics);
        assertThat(bed.ioc().schemaProblems()).isEmpty();
    }

    @Test
    void aRepeatedIdIsAnsweredFromTheFirstReplyAndNotRunAgain() throws Exception {
        JsonNode first = call("{\"id\":\"e2e-dim-2\",\"action\":\"dim\",\"target\":{\"device\":\"sl-101\"},"
                + "\"level\":20}");
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("ok");
        JsonNode later = call("{\"id\":\"e2e-dim-3\",\"action\":\"dim\",\"target\":{\"device\":\"sl-101\"},"
                + "\"level\":60}");
        assertThat(later.path("status").asText()).as(later.toString()).isEqualTo("ok");
        assertThat(SIM.simulator().device("sl-101").value("dimLevel")).isEqualTo(60.0);

        JsonNode repeat = call("{\"id\":\"e2e-dim-2\",\"action\":\"dim\",\"target\":{\"device\":\"sl-101\"},"
                + "\"level\":20}");
        assertThat(repeat.path("repeated").asBoolean()).as(repeat.toString()).isTrue();
        assertThat(repeat.path("results")).isEqualTo(first.path("results"));
        assertThat(SIM.simulator().device("sl-101").value("dimLevel")).as("the repeat did not dim to 20 again")
                .isEqualTo(60.0);
    }

    @Test
    void anExpiredCommandIsNotExecuted() throws Exception {
        double before = SIM.simulator().device("sl-103").value("dimLevel");
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        JsonNode reply = call("{\"id\":\"e2e-dim-4\",\"action\":\"dim\",\"target\":{\"device\":\"sl-103\"},"
                + "\"level\":" + (before == 90 ? 80 : 90) + ",\"expiresAt\":" + anHourAgo + "}");
        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("error").path("code").asText()).as(reply.toString()).isEqualTo("expired");
        assertThat(SIM.simulator().device("sl-103").value("dimLevel")).isEqualTo(before);
    }

    @Test
    void invalidCommandsAreRefusedWithACodeAndNothingIsHalfApplied() throws Exception {
        double before = SIM.simulator().device("sl-101").value("dimLevel");
        assertThat(errorCode(call("{\"id\":\"e2e-bad-1\",\"action\":\"dim\",\"target\":{\"device\":\"sl-999\"},"
                + "\"level\":40}"))).isEqualTo("unknown-device");
        assertThat(errorCode(call("{\"id\":\"e2e-bad-2\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-a\"},"
                + "\"level\":140}"))).isIn("schema-violation", "out-of-range");
        assertThat(errorCode(call("{\"id\":\"e2e-bad-3\",\"action\":\"explode\",\"target\":{\"all\":true}}")))
                .isIn("schema-violation", "unsupported-action");
        assertThat(errorCode(call("this is not json"))).isEqualTo("malformed-json");
        assertThat(SIM.simulator().device("sl-101").value("dimLevel")).isEqualTo(before);
    }

    private static JsonNode call(String command) throws Exception {
        JsonNode reply = operator.call(cmdTopic, command, REPLY_LIMIT);
        assertThat(Schemas.validate("reply", reply)).as("reply matches docs/mqtt/reply.schema.json: " + reply)
                .isEmpty();
        return reply;
    }

    private static String errorCode(JsonNode reply) {
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("error");
        return reply.path("error").path("code").asText();
    }
}
