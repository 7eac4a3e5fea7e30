package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.UplinkStatus;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class LinkPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void backoffGrowsWithJitterWithinBoundsAndResets() {
        Backoff backoff = new Backoff(1_000, 30_000, bound -> bound - 1); // worst case: the top of each range
        assertThat(backoff.next()).isEqualTo(1_000);
        assertThat(backoff.next()).isEqualTo(2_000);
        assertThat(backoff.next()).isEqualTo(4_000);
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.next()).isBetween(1_000L, 30_000L);
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(1_000);
        Backoff low = new Backoff(1_000, 30_000, bound -> 0);
        low.next();
        assertThat(low.next()).isEqualTo(1_000); // full jitter reaches down to the minimum
    }

    @Test
    void failuresAreToldApartForPeople() {
        assertThat(LinkFailure.of(new MqttException(0x86))).satisfies(f -> {
            assertThat(f.refused()).isTrue();
            assertThat(f.message()).contains("bad user name or password");
        });
        assertThat(LinkFailure.of(new MqttException(32103, new ConnectException("Connection refused"))))
                .satisfies(f -> {
                    assertThat(f.refused()).isFalse();
                    assertThat(f.message()).contains("unreachable");
                });
        assertThat(LinkFailure.of(new MqttException(32103, new SSLHandshakeException("PKIX path building failed"))))
                .satisfies(f -> {
                    assertThat(f.refused()).isTrue();
                    assertThat(f.message()).contains("TLS");
                });
        assertThat(LinkFailure.of(new MqttLink.PublishDenied("a/b/state", 0x87)).publishDenied()).isTrue();
    }

    @Test
    void topicsRefuseLevelsThatWouldBreakTheTree() {
        assertThat(Topics.isLevel("gw-01")).isTrue();
        assertThat(Topics.isLevel("a/b")).isFalse();
        assertThat(Topics.isLevel("+")).isFalse();
        assertThat(Topics.isLevel("")).isFalse();
        assertThat(new Topics("d7", "gw").of("telemetry/x")).isEqualTo("cityedge/v1/d7/gw/telemetry/x");
    }

    @Test
    void stateAndHealthMessagesMatchTheirSchemas() throws Exception {
        FixedFacts facts = new FixedFacts("d7", "gw-1", 2);
        Topics topics = new Topics("d7", "gw-1");
        assertThat(Schemas.validate("state", JSON.readTree(StateMessages.birth(facts, topics, 12, 5_000, 1_000))))
                .isEmpty();
        assertThat(Schemas.validate("state", JSON.readTree(StateMessages.offline(topics, 12, 5_000,
                "connection-lost")))).isEmpty();

        BufferStatus buffer = new BufferStatus(3, 300, 4096, 1 << 30, 1 << 20, 1_000, 12, 1,
                Map.of(MessageKind.TELEMETRY, 2L), 0, 1, "disk full");
        UplinkStatus link = new UplinkStatus(LinkState.REFUSED, "tcp://x", "c", "bad password", true, 0, 2, 10, 0.5);
        OutboundMessage health = new HealthReport(0).compose(61_000, buffer, link, facts.deviceHealth());
        assertThat(health.kind()).isEqualTo(MessageKind.HEALTH);
        var json = JSON.readTree(Envelope.wrap("gw-1", 13, health.json()));
        assertThat(Schemas.validate("health", json)).isEmpty();
        assertThat(json.path("buffer").path("dropped").path("quotaTelemetry").asLong()).isEqualTo(2);
        assertThat(json.path("buses").get(0).path("devices").asInt()).isEqualTo(2);
        assertThat(json.path("devices")).hasSize(2);
    }

    @Test
    void anEmptyBodyStillMakesAValidEnvelope() throws Exception {
        assertThat(JSON.readTree(Envelope.wrap("gw", 1, "{}")).fieldNames()).toIterable()
                .containsExactly("gatewayId", "seq");
    }
}
