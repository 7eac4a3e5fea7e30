package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Priority;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** The rig's clock reads 05:13 in Asia/Ho_Chi_Minh (the site's zone). */
class DoorAlarmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long START = 1_700_000_000_000L;

    private static Rig rig(String... windows) {
        return new Rig(Rig.DEFAULT_PINS, 0, windows, null, () -> LedPattern.STEADY);
    }

    private static Rig rig(EngineMemory memory) {
        return new Rig(Rig.DEFAULT_PINS, 0, new String[0], null, () -> LedPattern.STEADY, memory);
    }

    @Test
    void doorOpenOutsideTheWindowsRaisesAndClosingClears() throws Exception {
        try (Rig rig = rig("08:00-17:00")) {
            rig.scanAt(0);
            assertThat(rig.events).isEmpty(); // the mock door starts closed

            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(20);
            rig.scanAt(40); // still open: raised once only
            assertThat(rig.events).hasSize(1);
            OutboundMessage raised = rig.events.get(0);
            assertThat(raised.kind()).isEqualTo(MessageKind.EVENT);
            assertThat(raised.priority()).isEqualTo(Priority.URGENT);
            assertThat(raised.topicSuffix()).isEqualTo("event/cab-1");
            JsonNode json = valid(raised);
            assertThat(json.get("event").asText()).isEqualTo("doorOpen");
            assertThat(json.get("state").asText()).isEqualTo("raised");
            assertThat(json.get("device").asText()).isEqualTo("cab-1");
            assertThat(json.get("value").asBoolean()).isTrue();
            assertThat(json.get("time").asLong()).isEqualTo(rig.clock.get() - 20);

            rig.set(Pi4jPins.DOOR, false);
            rig.scanAt(60);
            assertThat(rig.events).hasSize(2);
            JsonNode cleared = valid(rig.events.get(1));
            assertThat(cleared.get("state").asText()).isEqualTo("cleared");
            assertThat(cleared.get("value").asBoolean()).isFalse();
        }
    }

    @Test
    void withoutAnOutboxTheRaiseAndTheClearWaitAndGoOutOnceItIsBound() throws Exception {
        try (Rig rig = rig()) {
            rig.scanAt(0);
            rig.boundOutbox.set(null);
            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(20);
            rig.scanAt(40);
            assertThat(rig.events).isEmpty();
            assertThat(rig.engine.health().get(0).errors()).containsEntry("eventDelayed", 1L);

            rig.boundOutbox.set(rig.outbox);
            rig.scanAt(60);
            rig.scanAt(80);
            assertThat(rig.events).as("raised once, when the outbox came").hasSize(1);
            JsonNode raised = valid(rig.events.get(0));
            assertThat(raised.get("state").asText()).isEqualTo("raised");
            assertThat(raised.get("time").asLong()).as("when the door opened").isEqualTo(START + 20);

            rig.boundOutbox.set(null);
            rig.set(Pi4jPins.DOOR, false);
            rig.scanAt(100);
            assertThat(rig.events).hasSize(1);
            rig.boundOutbox.set(rig.outbox);
            rig.scanAt(120);
            rig.scanAt(140);
            assertThat(rig.events).hasSize(2);
            JsonNode cleared = valid(rig.events.get(1));
            assertThat(cleared.get("state").asText()).isEqualTo("cleared");
            assertThat(cleared.get("time").asLong()).isEqualTo(START + 100);
            assertThat(rig.engine.health().get(0).errors()).containsEntry("eventDelayed", 2L);
        }
    }

    @Test
    void aFullOutboxDelaysTheRaiseAndItsClearInOrder() throws Exception {
        try (Rig rig = rig()) {
            rig.scanAt(0);
            Mockito.doReturn(false).when(rig.outbox).offer(Mockito.any()); // full
            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(20);
            rig.set(Pi4jPins.DOOR, false); // closed again before the raise went out
            rig.scanAt(40);
            assertThat(rig.events).isEmpty();

            Mockito.doAnswer(a -> rig.events.add(a.getArgument(0))).when(rig.outbox).offer(Mockito.any());
            rig.scanAt(60);
            rig.scanAt(80);
            rig.scanAt(100);
            assertThat(rig.events).extracting(m -> JSON.readTree(m.json()).get("state").asText())
                    .containsExactly("raised", "cleared");
        }
    }

    @Test
    void aRaiseRecordedBeforeARestartIsClearedByTheFirstClosedReading(@TempDir Path data) throws Exception {
        Path file = data.resolve("door-alarm.state");
        try (Rig before = rig(new EngineMemory(null, file))) {
            before.scanAt(0);
            before.set(Pi4jPins.DOOR, true);
            before.scanAt(20);
            assertThat(before.events).hasSize(1);
            assertThat(file).hasContent(Rig.DEVICE);
        } // the gateway stops with the alarm raised; the door is closed meanwhile
        try (Rig after = rig(new EngineMemory(null, file))) {
            after.scanAt(1000);
            assertThat(after.events).singleElement()
                    .satisfies(m -> assertThat(valid(m).get("state").asText()).isEqualTo("cleared"));
            assertThat(file).doesNotExist();
        }
        try (Rig again = rig(new EngineMemory(null, file))) { // nothing recorded: a closed door says nothing
            again.scanAt(2000);
            assertThat(again.events).isEmpty();
        }
    }

    @Test
    void doorOpenInsideAWindowRaisesNothing() {
        try (Rig rig = rig("04:30-06:00")) {
            rig.scanAt(0);
            rig.set(Pi4jPins.DOOR, true);
            rig.scanAt(20);
            rig.set(Pi4jPins.DOOR, false);
            rig.scanAt(40);
            assertThat(rig.events).isEmpty();
            assertThat(rig.samplesOf("doorOpen")).extracting(s -> s.value()).containsExactly(false, true, false);
        }
    }

    @Test
    void windowsCrossMidnightAndBadEntriesAreReported() {
        MaintenanceWindows w = MaintenanceWindows.parse(new String[] {"22:00-02:00", "25:00-26:00", "soon", ""});
        ZoneId utc = ZoneId.of("UTC");
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.problems()).hasSize(2).allMatch(p -> p.contains("ignored"));
        assertThat(w.contains(Instant.parse("2026-01-01T23:30:00Z"), utc)).isTrue();
        assertThat(w.contains(Instant.parse("2026-01-01T01:59:00Z"), utc)).isTrue();
        assertThat(w.contains(Instant.parse("2026-01-01T02:00:00Z"), utc)).isFalse();
        assertThat(w.contains(Instant.parse("2026-01-01T12:00:00Z"), utc)).isFalse();
    }

    private static JsonNode valid(OutboundMessage message) throws Exception {
        JsonNode payload = JSON.readTree(message.json());
        assertThat(payload.has("gatewayId") || payload.has("seq")).as("the uplink adds them").isFalse();
        ObjectNode published = ((ObjectNode) payload.deepCopy()).put("gatewayId", "gw-1").put("seq", 1);
        try (InputStream in = DoorAlarmTest.class.getClassLoader().getResourceAsStream("schema/event.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertThat(schema.validate(published)).as("%s against event.schema.json", payload).isEmpty();
        }
        return payload;
    }
}
