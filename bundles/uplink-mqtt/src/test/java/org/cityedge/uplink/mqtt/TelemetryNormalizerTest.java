package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.model.Sample;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.Priority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TelemetryNormalizerTest {

    private final List<OutboundMessage> offered = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private TelemetryNormalizer normalizer;

    @BeforeEach
    void setUp() {
        Outbox outbox = mock(Outbox.class); // the seam: what the normalizer hands over
        when(outbox.offer(any())).thenAnswer(inv -> offered.add(inv.getArgument(0)));
        normalizer = new TelemetryNormalizer(outbox, clock::get);
    }

    private static JsonNode published(OutboundMessage m, long seq) throws Exception {
        return new ObjectMapper().readTree(Envelope.wrap("gw-1", seq, m.json()));
    }

    @Test
    void onePollIsOneSchemaValidMessageKeyedByCanonicalName() throws Exception {
        normalizer.configure(UplinkSettings.defaults(""));
        normalizer.accept(List.of(Sample.good("lamp-1", "activePower", 41.5, "W", 5_000),
                Sample.good("lamp-1", "dimmingLevel", 80L, "%", 5_000),
                Sample.good("lamp-1", "powerState", "on", "", 5_001),
                Sample.bad("lamp-1", "voltage", "V", 5_000, "timeout"),
                Sample.good("lamp-1", "name", "Đường \"1\"\n", "", 5_000)));

        assertThat(offered).hasSize(1);
        OutboundMessage m = offered.get(0);
        assertThat(m.kind()).isEqualTo(MessageKind.TELEMETRY);
        assertThat(m.priority()).isEqualTo(Priority.BULK);
        assertThat(m.topicSuffix()).isEqualTo("telemetry/lamp-1");
        JsonNode json = published(m, 7);
        assertThat(Schemas.validate("telemetry", json)).isEmpty();
        JsonNode points = json.path("readings").get(0).path("points");
        assertThat(json.path("seq").asLong()).isEqualTo(7);
        assertThat(points.path("activePower").path("value").asDouble()).isEqualTo(41.5);
        assertThat(points.path("activePower").path("unit").asText()).isEqualTo("W");
        assertThat(points.path("powerState").has("unit")).isFalse();
        assertThat(points.path("powerState").path("time").asLong()).isEqualTo(5_001);
        assertThat(points.path("voltage").path("value").isNull()).isTrue();
        assertThat(points.path("voltage").path("reason").asText()).isEqualTo("timeout");
        assertThat(points.path("name").path("value").asText()).isEqualTo("Đường \"1\"\n");
    }

    @Test
    void deadbandAndHeartbeatSpareUnchangedPoints() {
        normalizer.configure(UplinkSettings.defaults("").withPublishing(1, 60, List.of("activePower=5/60")));
        long t = 0;
        double[] values = { 100, 102, 104.9, 106, 106, 106 };
        long[] times = { 0, 10_000, 20_000, 30_000, 40_000, 95_000 };
        for (int i = 0; i < values.length; i++) {
            normalizer.accept(List.of(Sample.good("m", "activePower", values[i], "W", times[i]),
                    Sample.good("m", "voltage", 230.0, "V", times[i])));
        }
        // voltage has no policy: every poll; activePower at 100 (first), 106 (moved > 5), 106 at 95 s (heartbeat).
        List<Boolean> hadPower = offered.stream().map(m -> m.json().contains("activePower")).toList();
        assertThat(offered).hasSize(6);
        assertThat(hadPower).containsExactly(true, false, false, true, false, true);
    }

    @Test
    void aQualityChangeIsAlwaysPublished() {
        normalizer.configure(UplinkSettings.defaults("").withPublishing(1, 60, List.of("*=1000")));
        normalizer.accept(List.of(Sample.good("m", "pm25", 10.0, "ug/m3", 0)));
        normalizer.accept(List.of(Sample.bad("m", "pm25", "ug/m3", 1_000, "timeout")));
        normalizer.accept(List.of(Sample.bad("m", "pm25", "ug/m3", 2_000, "timeout")));
        assertThat(offered).hasSize(2);
    }

    @Test
    void batchingGathersReadingsOfOneDeviceUntilFullOrDue() throws Exception {
        normalizer.configure(UplinkSettings.defaults("").withPublishing(3, 10, List.of()));
        for (int i = 0; i < 4; i++) {
            normalizer.accept(List.of(Sample.good("a", "temperature", 20.0 + i, "Cel", 1_000L * i)));
        }
        normalizer.accept(List.of(Sample.good("b", "temperature", 5.0, "Cel", 9_000)));
        assertThat(offered).hasSize(1);
        JsonNode full = published(offered.get(0), 1);
        assertThat(full.path("readings")).hasSize(3);
        assertThat(full.path("time").asLong()).isEqualTo(2_000);
        assertThat(Schemas.validate("telemetry", full)).isEmpty();

        normalizer.flushDue(); // nothing waited 10 s yet
        assertThat(offered).hasSize(1);
        clock.addAndGet(10_000);
        normalizer.flushDue();
        assertThat(offered).hasSize(3);
        assertThat(offered.stream().map(OutboundMessage::topicSuffix)).contains("telemetry/a", "telemetry/b");
    }

    @Test
    void badPoliciesAreReportedAndSkipped() {
        List<String> problems = normalizer.configure(UplinkSettings.defaults("")
                .withPublishing(1, 60, List.of("pm25=abc", "noequals", "pm10=-1/5", "ok=0.5/60")));
        assertThat(problems).hasSize(3);
    }
}
