package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.control.Json;
import org.cityedge.control.testing.MqttSchemas;
import org.cityedge.control.testing.Signer;
import org.junit.jupiter.api.Test;

/** push-rules and set-schedule: verified, handed to the handler of the type, refusals replied and reported. */
class SignedDocumentCommandTest {

    private final Harness h = new Harness();

    private JsonNode push(String id, String action, String envelope) {
        return h.send("{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"envelope\":" + envelope + "}");
    }

    private static String ruleset(long version) {
        return "{\"type\":\"ruleset\",\"version\":" + version + ",\"gatewayId\":\"dx-cab-001\",\"rules\":[]}";
    }

    /** The one refusal event offered, checked against event.schema.json. */
    private JsonNode refusalEvent() throws Exception {
        List<OutboundMessage> events = h.outbox.offered();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).topicSuffix()).isEqualTo("event/dx-cab-001");
        MqttSchemas.assertValidEvent(events.get(0).json());
        JsonNode event = Json.MAPPER.readTree(events.get(0).json());
        assertThat(event.get("event").asText()).isEqualTo("policyDocumentRefused");
        assertThat(event.get("device").asText()).isEqualTo("dx-cab-001");
        return event;
    }

    @Test
    void aSignedRuleSetIsInstalledAndTheReplyNamesTheActiveVersion() {
        JsonNode reply = push("p-1", "push-rules", h.ioc.envelope(ruleset(4)));
        assertThat(reply.get("status").asText()).isEqualTo("ok");
        assertThat(reply.get("data").get("type").asText()).isEqualTo("ruleset");
        assertThat(reply.get("data").get("version").asLong()).isEqualTo(4);
        assertThat(reply.get("data").get("previousVersion").asLong()).isEqualTo(3);
        assertThat(h.rules.installed()).singleElement()
                .satisfies(d -> assertThat(d.json()).isEqualTo(ruleset(4)));
        assertThat(h.outbox.offered()).isEmpty();
    }

    @Test
    void aSignedScheduleGoesToTheScheduleHandler() {
        String schedule = "{\"type\":\"schedule\",\"version\":1,\"site\":\"dong-xoai\",\"programs\":[]}";
        JsonNode reply = push("p-2", "set-schedule", h.ioc.envelope(schedule));
        assertThat(reply.get("data").get("version").asLong()).isEqualTo(1);
        assertThat(h.schedules.installed()).hasSize(1);
        assertThat(h.rules.installed()).isEmpty();
    }

    @Test
    void aTamperedDocumentIsRefusedRepliedAndReported() throws Exception {
        byte[] signed = ruleset(5).getBytes(StandardCharsets.UTF_8);
        byte[] signature = h.ioc.sign(signed);
        byte[] tampered = ruleset(5).replace("\"rules\":[]", "\"rules\":[{}]").getBytes(StandardCharsets.UTF_8);
        JsonNode reply = push("p-3", "push-rules", Signer.envelope(tampered, signature));
        assertThat(reply.get("error").get("code").asText()).isEqualTo("bad-signature");
        assertThat(h.rules.installed()).isEmpty();
        assertThat(refusalEvent().get("reason").asText()).startsWith("bad-signature").contains("p-3", "ruleset");
    }

    @Test
    void anUnsignedDocumentIsRefusedRepliedAndReported() throws Exception {
        String unsigned = "{\"document\":\"" + Base64.getEncoder().encodeToString(ruleset(5).getBytes(
                StandardCharsets.UTF_8)) + "\"}";
        JsonNode reply = push("p-4", "push-rules", unsigned);
        assertThat(reply.get("error").get("code").asText()).isEqualTo("invalid-envelope");
        assertThat(reply.get("error").get("field").asText()).isEqualTo("/envelope/signature");
        assertThat(h.rules.installed()).isEmpty();
        assertThat(refusalEvent().get("reason").asText()).contains("not signed");
    }

    @Test
    void aReplayedVersionIsRefusedByTheHandlerRepliedAndReported() throws Exception {
        JsonNode reply = push("p-5", "push-rules", h.ioc.envelope(ruleset(3)));
        assertThat(reply.get("error").get("code").asText()).isEqualTo("replayed-version");
        assertThat(reply.get("error").get("message").asText()).contains("running version 3");
        assertThat(refusalEvent().get("reason").asText()).startsWith("replayed-version");
    }

    @Test
    void aDocumentForAnotherGatewayOrOfAnotherTypeIsRefused() {
        JsonNode other = push("p-6", "push-rules", h.ioc.envelope(ruleset(6).replace("dx-cab-001", "dx-cab-002")));
        JsonNode schedule = push("p-7", "push-rules", h.ioc.envelope("{\"type\":\"schedule\",\"version\":9}"));
        assertThat(other.get("error").get("code").asText()).isEqualTo("wrong-target");
        assertThat(schedule.get("error").get("code").asText()).isEqualTo("wrong-type");
        assertThat(h.outbox.offered()).hasSize(2);
        assertThat(h.rules.installed()).isEmpty();
    }

    @Test
    void withoutAHandlerForTheTypeNothingIsInstalled() {
        h.handlers = List.of(h.schedules);
        JsonNode reply = push("p-8", "push-rules", h.ioc.envelope(ruleset(4)));
        assertThat(reply.get("error").get("code").asText()).isEqualTo("no-handler");
    }

    @Test
    void aRepeatedPushIsAnsweredFromTheFirstReplyNotInstalledAgainNorReportedAsReplay() {
        String envelope = h.ioc.envelope(ruleset(4));
        push("p-9", "push-rules", envelope);
        JsonNode again = push("p-9", "push-rules", envelope);
        assertThat(again.get("status").asText()).isEqualTo("ok");
        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(h.rules.installed()).hasSize(1);
        assertThat(h.outbox.offered()).isEmpty();
    }
}
