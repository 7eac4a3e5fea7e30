package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.MqttSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Commands end to end through the real arbiter, on the demo site, with an in-memory driver. */
class CommandServiceTest {

    private static final long HOUR = 3600_000L;

    private final Harness h = new Harness();

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void aGroupDimSetsEveryLampOfTheCircuitAndRepliesPerDeviceWithTheReadBack() {
        JsonNode reply = h.send(q("{'id':'c-1','action':'dim','target':{'group':'circuit-a'},'level':40}"));

        assertThat(reply.get("status").asText()).isEqualTo("ok");
        assertThat(reply.get("id").asText()).isEqualTo("c-1");
        assertThat(Harness.ids(reply)).containsExactly("sl-001", "sl-002", "sl-003", "sl-004");
        for (JsonNode r : reply.get("results")) {
            assertThat(r.get("status").asText()).isEqualTo("ok");
            assertThat(r.get("values").get("dimLevel").asLong()).isEqualTo(40);
            assertThat(r.get("until").asLong()).isEqualTo(Harness.T0 + 8 * HOUR); // the default override
            assertThat(h.field.value(r.get("device").asText(), "dimLevel")).isEqualTo(40L);
        }
        assertThat(h.field.value("sl-005", "dimLevel")).isNull();
        assertThat(h.arbiter.effective("sl-001", "dimLevel")).get()
                .satisfies(c -> assertThat(c.source()).isEqualTo(ControlSource.OVERRIDE))
                .satisfies(c -> assertThat(c.owner()).isEqualTo("ioc:c-1"));
    }

    @Test
    void switchOnACabinetControllerDrivesItsContactorAndOnALampItsRelay() {
        JsonNode cabinet = h.send(q("{'id':'c-2','action':'switch','target':{'group':'cabinet-dx-01'},'on':false}"));
        JsonNode lamp = h.send(q("{'id':'c-3','action':'switch','target':{'device':'sl-007'},'on':true,"
                + "'durationS':600}"));
        assertThat(cabinet.get("results").get(0).get("values").get("contactorState").asBoolean()).isFalse();
        assertThat(h.field.value("cab-001", "contactorState")).isEqualTo(false);
        assertThat(lamp.get("results").get(0).get("values").get("powerState").asBoolean()).isTrue();
        assertThat(lamp.get("results").get(0).get("until").asLong()).isEqualTo(Harness.T0 + 600_000);
        assertThat(h.field.value("sl-007", "powerState")).isEqualTo(true);
    }

    @Test
    void allAddressesEveryLampControllerAndNothingElse() {
        JsonNode reply = h.send(q("{'id':'c-4','action':'override','target':{'all':true},'level':100,'on':true,"
                + "'durationS':900}"));
        assertThat(reply.get("status").asText()).isEqualTo("ok");
        assertThat(Harness.ids(reply)).containsExactly("nl-001", "nl-002", "sl-001", "sl-002", "sl-003", "sl-004",
                "sl-005", "sl-006", "sl-007", "sl-008"); // the CoAP lamp nodes are lamp controllers too
        assertThat(h.field.writes()).hasSize(20).noneMatch(w -> w.startsWith("cab-"));
    }

    @Test
    void anOverrideHoldsForItsDurationThenTheScheduleTakesOverAgain() throws Exception {
        h.arbiter.claim(new PointClaim("sl-001", "dimLevel", 30L, ControlSource.SCHEDULE, "night", Long.MAX_VALUE))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        JsonNode reply = h.send(q("{'id':'c-5','action':'override','target':{'device':'sl-001'},'level':100,"
                + "'durationS':60}"));
        assertThat(reply.get("results").get(0).get("values").get("dimLevel").asLong()).isEqualTo(100);
        assertThat(h.field.value("sl-001", "dimLevel")).isEqualTo(100L);
        h.timers.advance(60_000);
        assertThat(h.field.value("sl-001", "dimLevel")).isEqualTo(30L);
    }

    @Test
    void resumeDropsTheIocOverrideButNotATechniciansOne() throws Exception {
        h.arbiter.claim(new PointClaim("sl-002", "dimLevel", 30L, ControlSource.SCHEDULE, "night", Long.MAX_VALUE))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        h.arbiter.claim(new PointClaim("sl-003", "powerState", true, ControlSource.OVERRIDE, "console:tech-1",
                Long.MAX_VALUE)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        h.send(q("{'id':'c-6','action':'dim','target':{'group':'circuit-a'},'level':90}"));
        assertThat(h.field.value("sl-002", "dimLevel")).isEqualTo(90L);

        JsonNode reply = h.send(q("{'id':'c-7','action':'resume','target':{'group':'circuit-a'}}"));
        assertThat(reply.get("status").asText()).isEqualTo("ok");
        assertThat(reply.get("results").get(1).get("released").asInt()).isEqualTo(1);
        assertThat(h.field.value("sl-002", "dimLevel")).isEqualTo(30L);
        assertThat(h.arbiter.effective("sl-001", "dimLevel")).isEmpty(); // back to the device's own default
        assertThat(h.arbiter.effective("sl-003", "powerState")).map(PointClaim::owner).contains("console:tech-1");
    }

    @Test
    void theLatestIocCommandOnAPointReplacesTheEarlierOne() {
        h.send(q("{'id':'c-8','action':'dim','target':{'device':'sl-004'},'level':40}"));
        h.send(q("{'id':'c-9','action':'override','target':{'device':'sl-004'},'level':80,'durationS':60}"));
        assertThat(h.arbiter.claims("sl-004")).extracting(PointClaim::owner).containsExactly("ioc:c-9");
        h.timers.advance(60_000);
        assertThat(h.arbiter.effective("sl-004", "dimLevel")).isEmpty(); // not back to 40 from c-8
    }

    @Test
    void readReturnsTheValuesReadNowAndThePointsThatFailed() {
        h.field.set("wq-001", "pH", 7.2);
        JsonNode reply = h.send(q("{'id':'c-10','action':'read','target':{'device':'wq-001'}}"));
        JsonNode result = reply.get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("ok");
        assertThat(result.get("values").get("pH").asDouble()).isEqualTo(7.2);
        assertThat(result.get("bad").get("voltage").asText()).isEqualTo("timeout");
    }

    @Test
    void statusShowsClaimsHealthPolicyVersionsAndCountedErrors() {
        h.send(q("{'id':'c-11','action':'dim','target':{'device':'sl-001'},'level':55}"));
        h.send("not json");
        h.send(q("{'id':'c-12','action':'dim','target':{'device':'sl-999'},'level':5}"));
        h.send(q("{'id':'c-11','action':'dim','target':{'device':'sl-001'},'level':55}"));

        JsonNode data = h.send(q("{'id':'c-13','action':'status'}")).get("data");
        JsonNode sl001 = data.get("devices").get(0);
        assertThat(sl001.get("id").asText()).isEqualTo("sl-001");
        assertThat(sl001.get("state").asText()).isEqualTo("ONLINE");
        assertThat(sl001.get("claims").get(0).get("owner").asText()).isEqualTo("ioc:c-11");
        assertThat(sl001.get("claims").get(0).get("value").asLong()).isEqualTo(55);
        assertThat(data.get("policies").get("ruleset").asLong()).isEqualTo(3);
        assertThat(data.get("policies").get("schedule").asLong()).isEqualTo(0);
        JsonNode commands = data.get("commands");
        assertThat(commands.get("received").asLong()).isEqualTo(5);
        assertThat(commands.get("repeated").asLong()).isEqualTo(1);
        assertThat(commands.get("refused").get("malformed-json").asLong()).isEqualTo(1);
        assertThat(commands.get("refused").get("unknown-device").asLong()).isEqualTo(1);
        assertThat(data.get("devices")).hasSize(h.site.site().devices().size());
    }

    @Test
    void configListsIdentityDevicesAndGroups() {
        JsonNode data = h.send(q("{'id':'c-14','action':'config'}")).get("data");
        assertThat(data.get("gatewayId").asText()).isEqualTo("dx-cab-001");
        assertThat(data.get("site").asText()).isEqualTo("dong-xoai");
        assertThat(data.get("groups").get("circuit-b")).extracting(JsonNode::asText)
                .containsExactly("sl-005", "sl-006", "sl-007", "sl-008");
        assertThat(data.get("devices").get(8).get("id").asText()).isEqualTo("cab-001");
        assertThat(data.get("devices").get(8).get("writable")).extracting(JsonNode::asText)
                .contains("contactorState");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("not JSON", "malformed-json", null,
                        "not json"),
                refusal("an array", "malformed-json", null,
                        "[1,2]"),
                refusal("no id", "schema-violation", "/id",
                        "{'action':'dim','target':{'device':'sl-001'},'level':40}"),
                refusal("unknown action", "schema-violation", "/action",
                        "{'id':'r1','action':'explode'}"),
                refusal("level above 100", "schema-violation", "/level",
                        "{'id':'r2','action':'dim','target':{'device':'sl-001'},'level':120}"),
                refusal("level not a number", "schema-violation", "/level",
                        "{'id':'r3','action':'dim','target':{'device':'sl-001'},'level':'high'}"),
                refusal("level missing", "schema-violation", "/level",
                        "{'id':'r4','action':'dim','target':{'device':'sl-001'}}"),
                refusal("foreign parameter", "schema-violation", "/level",
                        "{'id':'r5','action':'switch','target':{'device':'sl-001'},'on':true,'level':3}"),
                refusal("two targets", "schema-violation", "/target",
                        "{'id':'r6','action':'dim','target':{'device':'sl-001','group':'circuit-a'},'level':3}"),
                refusal("unknown field", "schema-violation", "/colour",
                        "{'id':'r7','action':'dim','target':{'device':'sl-001'},'level':3,'colour':'red'}"),
                refusal("override, no value", "schema-violation", null,
                        "{'id':'r8','action':'override','target':{'device':'sl-001'},'durationS':60}"),
                refusal("override, no time", "schema-violation", "/durationS",
                        "{'id':'r9','action':'override','target':{'device':'sl-001'},'level':50}"),
                refusal("unknown device", "unknown-device", "/target/device",
                        "{'id':'r10','action':'dim','target':{'device':'sl-999'},'level':3}"),
                refusal("unknown group", "unknown-group", "/target/group",
                        "{'id':'r11','action':'dim','target':{'group':'nowhere'},'level':3}"),
                refusal("cabinet cannot dim", "unsupported-action", "/target/device",
                        "{'id':'r12','action':'dim','target':{'device':'cab-001'},'level':3}"),
                refusal("sensors cannot dim", "unsupported-action", "/target/group",
                        "{'id':'r13','action':'dim','target':{'group':'environment'},'level':3}"),
                refusal("sensor has no relay", "unsupported-action", "/target/device",
                        "{'id':'r14','action':'switch','target':{'device':'aq-001'},'on':true}"),
                refusal("expired", "expired", "/expiresAt",
                        "{'id':'r15','action':'dim','target':{'device':'sl-001'},'level':3,"
                        + "'expiresAt':1799999999999}"));
    }

    private static Arguments refusal(String name, String code, String field, String request) {
        return Arguments.of(name, request, code, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedCommandSaysWhyWithAStableCodeAndTouchesNothing(String name, String request, String code,
            String field) {
        JsonNode reply = h.send(q(request));
        assertThat(reply.get("status").asText()).isEqualTo("error");
        assertThat(reply.get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.get("error").get("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(reply.get("error").get("field").asText()).isEqualTo(field);
            assertThat(reply.get("error").get("message").asText()).contains(field.substring(field.lastIndexOf('/')
                    + 1));
        }
        assertThat(reply.get("results")).isEmpty();
        assertThat(h.field.writes()).isEmpty();
        assertThat(h.arbiter.claims("sl-001")).isEmpty();
        assertThat(h.service.counters().refusedCount(code)).isEqualTo(1);
    }

    @Test
    void nothingIsHalfAppliedWhenOneDeviceOfTheGroupRefusesTheValue() {
        Harness narrow = new Harness(DemoSite.load().withDeviceRange("sl-004", "dimLevel", 10.0, 100.0));
        JsonNode reply = narrow.send(q("{'id':'c-15','action':'dim','target':{'group':'circuit-a'},'level':5}"));
        assertThat(reply.get("error").get("code").asText()).isEqualTo("out-of-range");
        assertThat(reply.get("error").get("field").asText()).isEqualTo("/level");
        assertThat(reply.get("error").get("message").asText()).contains("sl-004", "[10, 100]");
        assertThat(narrow.field.writes()).isEmpty();

        JsonNode fine = narrow.send(q("{'id':'c-16','action':'dim','target':{'group':'circuit-a'},'level':10}"));
        assertThat(fine.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aRepeatedIdIsAnsweredFromTheFirstReplyAndNeverExecutedTwice() {
        JsonNode first = h.send(q("{'id':'c-17','action':'dim','target':{'group':'circuit-b'},'level':25}"));
        h.field.set("sl-005", "dimLevel", 100L);
        JsonNode again = h.send(q("{'id':'c-17','action':'dim','target':{'group':'circuit-b'},'level':25}"));
        JsonNode changed = h.send(q("{'id':'c-17','action':'dim','target':{'group':'circuit-a'},'level':99}"));

        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(again.get("results")).isEqualTo(first.get("results"));
        assertThat(changed.get("results")).isEqualTo(first.get("results"));
        assertThat(h.field.writes()).hasSize(4);
        assertThat(h.field.value("sl-005", "dimLevel")).isEqualTo(100L);
        assertThat(first.has("repeated")).isFalse();
    }

    @Test
    void aRepeatArrivingWhileTheFirstRunsWaitsForItsReply() throws Exception {
        h.field.hold(true);
        CompletableFuture<String> first = h.service.handle(q("{'id':'c-18','action':'dim','target':{'device':"
                + "'sl-006'},'level':60}").getBytes(), Harness.T0).toCompletableFuture();
        CompletableFuture<String> second = h.service.handle(q("{'id':'c-18','action':'dim','target':{'device':"
                + "'sl-006'},'level':60}").getBytes(), Harness.T0).toCompletableFuture();
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(h.field.releaseOne()).isTrue();
        JsonNode a = MqttSchemas.assertValidReply(first.get(5, TimeUnit.SECONDS));
        JsonNode b = MqttSchemas.assertValidReply(second.get(5, TimeUnit.SECONDS));
        assertThat(b.get("repeated").asBoolean()).isTrue();
        assertThat(b.get("results")).isEqualTo(a.get("results"));
        assertThat(h.field.writes()).containsExactly("sl-006.dimLevel=60");
    }

    @Test
    void oneFailingLampMakesThePartialReplyNameIt() {
        h.field.failWrites("sl-002", "written, but the read-back failed: timeout");
        JsonNode reply = h.send(q("{'id':'c-19','action':'dim','target':{'group':'circuit-a'},'level':70}"));
        assertThat(reply.get("status").asText()).isEqualTo("partial");
        JsonNode failed = reply.get("results").get(1);
        assertThat(failed.get("device").asText()).isEqualTo("sl-002");
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("write-failed");
        assertThat(failed.get("error").get("message").asText()).contains("read-back failed", "stays in place");
        assertThat(reply.get("results").get(0).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void whenEveryDeviceFailsTheReplyIsAnErrorWithTheirCommonCode() {
        h.field.failWrites("sl-008", "write failed: timeout");
        JsonNode reply = h.send(q("{'id':'c-20','action':'switch','target':{'device':'sl-008'},'on':false}"));
        assertThat(reply.get("status").asText()).isEqualTo("error");
        assertThat(reply.get("error").get("code").asText()).isEqualTo("write-failed");
    }

    @Test
    void aDeviceThatDoesNotConfirmInTimeIsReportedAsTimeout() {
        h.service = new CommandService(h, new MemoryJournal(10), new CommandSettings(HOUR, 200), h.timers::now);
        h.field.hold(true);
        JsonNode reply = h.send(q("{'id':'c-21','action':'dim','target':{'device':'sl-003'},'level':15}"));
        assertThat(reply.get("results").get(0).get("error").get("code").asText()).isEqualTo("timeout");
        assertThat(h.arbiter.effective("sl-003", "dimLevel")).isPresent(); // applied when the device answers
        assertThat(h.field.releaseOne()).isTrue();
        assertThat(h.field.value("sl-003", "dimLevel")).isEqualTo(15L);
    }

    @Test
    void withoutASiteDeviceCommandsAreUnavailableAndStatusStillAnswers() {
        h.site = null;
        JsonNode dim = h.send(q("{'id':'c-22','action':'dim','target':{'device':'sl-001'},'level':15}"));
        assertThat(dim.get("error").get("code").asText()).isEqualTo("unavailable");
        JsonNode status = h.send(q("{'id':'c-23','action':'status'}"));
        assertThat(status.get("status").asText()).isEqualTo("ok");
        assertThat(status.get("data").get("devices")).isEmpty();
    }

    @Test
    void everyResultOfAGroupCommandIsInSiteFileOrder() {
        JsonNode reply = h.send(q("{'id':'c-24','action':'read','target':{'group':'circuit-b'}}"));
        List<String> order = new java.util.ArrayList<>();
        reply.get("results").forEach(r -> order.add(r.get("device").asText()));
        assertThat(order).containsExactly("sl-005", "sl-006", "sl-007", "sl-008");
    }
}
