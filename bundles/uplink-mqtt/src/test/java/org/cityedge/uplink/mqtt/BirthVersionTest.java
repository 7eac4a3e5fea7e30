package org.cityedge.uplink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;
import org.cityedge.uplink.mqtt.IocSubscriber.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set installed while connected shows in a new retained birth, at the next health tick. */
class BirthVersionTest {

    @TempDir
    Path dir;

    /** The fixed gateway, with a rule-set version the test changes. */
    private static final class Facts implements GatewayFacts {
        private final FixedFacts fixed = new FixedFacts("district-7", "gw-0001", 1);
        private volatile String ruleSetVersion;

        @Override
        public String site() {
            return fixed.site();
        }

        @Override
        public String gatewayId() {
            return fixed.gatewayId();
        }

        @Override
        public Map<String, String> versions() {
            return fixed.versions();
        }

        @Override
        public List<DeviceFact> devices() {
            return fixed.devices();
        }

        @Override
        public List<String> profiles() {
            return fixed.profiles();
        }

        @Override
        public String ruleSetVersion() {
            return ruleSetVersion;
        }

        @Override
        public List<DeviceHealth> deviceHealth() {
            return fixed.deviceHealth();
        }
    }

    @Test
    void aNewRuleSetVersionIsRepublishedInTheRetainedBirth() throws Exception {
        Facts facts = new Facts();
        try (Mosquitto broker = Mosquitto.plain(dir);
                DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(dir.resolve("b/outbox.db")));
                IocSubscriber ioc = IocSubscriber.open(broker.url(), "cityedge/v1/+/+/state")) {
            UplinkEngine engine = new UplinkEngine(outbox, facts);
            try {
                engine.start(UplinkSettings.defaults(broker.url()).withTiming(10, 1, 200, 2_000));
                PlainBrokerTest.awaitState(engine, LinkState.CONNECTED);
                List<Received> first = ioc.await(r -> true, 1, PlainBrokerTest.WAIT);
                assertThat(first.get(0).json().path("ruleSetVersion").isNull()).isTrue();

                facts.ruleSetVersion = "7";
                List<Received> births = ioc.await(r -> "7".equals(r.json().path("ruleSetVersion").asText()), 1,
                        PlainBrokerTest.WAIT);
                assertThat(births).isNotEmpty();
                assertThat(ioc.schemaErrors()).isEmpty();
            } finally {
                engine.close();
            }
        }
    }
}
