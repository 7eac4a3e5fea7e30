package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A healthy site: every simulated device's telemetry reaches the IOC, schema-valid, with the values the devices
 * hold; the retained birth says online and lists the devices; health carries per-device poll statistics.
 */
class TelemetryToIocTest {

    /** Distinct dim levels, so a lamp's reading cannot pass for another's. Power follows: 120 W x level. */
    private static final Map<String, Integer> DIM_LEVELS = Map.of("sl-101", 30, "sl-102", 55, "sl-103", 80);
    private static final double LAMP_RATED_WATTS = 120;
    private static final double PINNED_PM25 = 42.5;
    private static final Duration DATA_LIMIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    private static TestBed bed;
    private static Set<String> deviceIds;

    /**
     * The gateway runs its built-in dimming schedule from the start (lamps on at night, off by day), so the IOC
     * overrides each lamp to its own level and on: the readings then do not depend on the time of day.
     */
    @BeforeAll
    static void startGatewayAndWaitForData() throws Exception {
        SIM.simulator().device("aq-101").set("pm25", PINNED_PM25);
        deviceIds = SIM.simulator().devices().stream().map(SimulatedDevice::id).collect(Collectors.toSet());
        bed = TestBed.start("telemetry", Sites.read(SIM.siteFile()));
        try (IocCommander operator = IocCommander.connect(bed.broker().url())) {
            for (Map.Entry<String, Integer> lamp : DIM_LEVELS.entrySet()) {
                JsonNode reply = operator.call("cityedge/v1/saigon-d1/e2e-gw-01/cmd", "{\"id\":\"tel-" + lamp.getKey()
                        + "\",\"action\":\"override\",\"target\":{\"device\":\"" + lamp.getKey() + "\"},"
                        + "\"level\":" + lamp.getValue() + ",\"on\":true,\"durationS\":3600}", DATA_LIMIT);
                assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
            }
        }
        Bounded.await("telemetry of every device, with its every point, the lamps at their levels, and a health"
                + " report listing them", DATA_LIMIT, TelemetryToIocTest::everyPointOfEveryDeviceArrived,
                () -> "points not received: " + pointsNotReceived() + "\n" + bed.diagnostics());
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private static boolean everyPointOfEveryDeviceArrived() {
        List<IocMessage> received = bed.ioc().messages();
        boolean lampsAtTheirLevels = DIM_LEVELS.entrySet().stream().allMatch(l -> Telemetry.latest(received,
                l.getKey(), "activePower").map(p -> Math.abs(p.path("value").asDouble()
                        - LAMP_RATED_WATTS * l.getValue() / 100) < 0.2).orElse(false));
        return lampsAtTheirLevels && pointsNotReceived().isEmpty()
                && bed.ioc().messages().stream().anyMatch(m -> m.is("health") && healthCoversAllDevices(m));
    }

    /** "device.point" of every published point of every simulated device that has not reached the IOC yet. */
    private static List<String> pointsNotReceived() {
        List<IocMessage> received = bed.ioc().messages();
        return SIM.simulator().devices().stream().flatMap(d -> publishedPoints(d.profile()).stream()
                .filter(point -> !Telemetry.has(received, d.id(), point)).map(point -> d.id() + "." + point))
                .sorted().toList();
    }

    /** The canonical names a profile's points are published under: a bitfield as its member flags. */
    private static List<String> publishedPoints(DeviceProfile profile) {
        return profile.points().stream()
                .flatMap(p -> p.bits().isEmpty() ? java.util.stream.Stream.of(p.name()) : p.bits().values().stream())
                .toList();
    }

    private static boolean healthCoversAllDevices(IocMessage health) {
        Set<String> listed = StreamSupport.stream(health.json().path("devices").spliterator(), false)
                .filter(d -> d.path("polls").asLong() > 0).map(d -> d.path("id").asText())
                .collect(Collectors.toSet());
        return listed.containsAll(deviceIds);
    }

    @Test
    void everyMessageValidatesAgainstItsPublishedSchema() {
        assertThat(bed.ioc().messages()).extracting(IocMessage::kind).contains("telemetry", "state", "health");
        assertThat(bed.ioc().schemaProblems()).as("messages that do not match docs/mqtt/*.schema.json").isEmpty();
    }

    @Test
    void telemetryCarriesGatewayIdSequenceAndTheDeviceOfItsTopic() {
        for (IocMessage m : bed.ioc().messages(m -> m.is("telemetry"))) {
            assertThat(m.json().path("gatewayId").asText()).as(m.topic()).isEqualTo("e2e-gw-01");
            assertThat(m.json().path("device").asText()).as(m.topic()).isEqualTo(m.device());
            assertThat(m.seq()).as(m.topic()).isPositive();
            assertThat(m.topic()).startsWith("cityedge/v1/saigon-d1/e2e-gw-01/telemetry/");
        }
        assertThat(bed.ioc().messages(m -> m.is("telemetry")).stream().map(IocMessage::device).distinct())
                .containsExactlyInAnyOrderElementsOf(deviceIds);
    }

    @Test
    void lampReadingsAreTheSimulatedLampsDimLevelAndPower() {
        List<IocMessage> received = bed.ioc().messages();
        DIM_LEVELS.forEach((id, level) -> {
            assertThat(SIM.simulator().device(id).value("dimLevel")).isEqualTo(level.doubleValue());
            assertThat(value(received, id, "dimLevel")).as(id + " dimLevel").isEqualTo(level.doubleValue());
            assertThat(value(received, id, "activePower")).as(id + " activePower follows the dim level")
                    .isCloseTo(LAMP_RATED_WATTS * level / 100, within(0.2));
            assertThat(Telemetry.latest(received, id, "powerState").orElseThrow().path("value").asBoolean())
                    .as(id + " powerState").isTrue();
            assertThat(Telemetry.latest(received, id, "lampFailure").orElseThrow().path("value").asBoolean())
                    .as(id + " lampFailure").isFalse();
        });
        assertThat(value(received, "aq-101", "pm25")).as("aq-101 pm25 (pinned in the simulator)")
                .isCloseTo(PINNED_PM25, within(0.05));
    }

    @Test
    void everyPointIsGoodWithTheProfilesUnitAndInsideItsRange() {
        List<IocMessage> received = bed.ioc().messages();
        for (SimulatedDevice device : SIM.simulator().devices()) {
            DeviceProfile profile = device.profile();
            for (String point : publishedPoints(profile)) {
                JsonNode reading = Telemetry.latest(received, device.id(), point).orElseThrow();
                String where = device.id() + "." + point + " = " + reading;
                assertThat(reading.path("quality").asText()).as(where).isEqualTo("GOOD");
                Optional<PointDefinition> definition = profile.point(point).filter(d -> d.name().equals(point));
                if (definition.isPresent()) { // bitfield members have no definition of their own
                    assertThat(reading.path("unit").asText("")).as(where).isEqualTo(definition.get().unit());
                    if (reading.path("value").isNumber()) {
                        assertThat(definition.get().inRange(reading.path("value").asDouble())).as(where).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void birthIsRetainedOnlineAndListsEveryDevice() throws MqttException {
        try (IocSubscriber late = IocSubscriber.connect(bed.broker().url())) { // joins after the birth
            Bounded.await("the retained state for a subscriber that joined late", Duration.ofSeconds(15),
                    () -> !late.messages(m -> m.is("state")).isEmpty(), late::summary);
            IocMessage state = late.messages(m -> m.is("state")).get(0);
            assertThat(state.retained()).as("state is retained").isTrue();
            assertThat(state.json().path("status").asText()).isEqualTo("online");
            assertThat(state.json().path("site").asText()).isEqualTo("saigon-d1");
            assertThat(state.json().path("gatewayId").asText()).isEqualTo("e2e-gw-01");
            assertThat(StreamSupport.stream(state.json().path("devices").spliterator(), false)
                    .map(d -> d.path("id").asText())).containsExactlyInAnyOrderElementsOf(deviceIds);
            assertThat(late.schemaProblems()).isEmpty();
        }
    }

    @Test
    void healthReportsPollStatisticsOfEveryDeviceAndBus() {
        IocMessage health = bed.ioc().messages(m -> m.is("health") && healthCoversAllDevices(m)).get(0);
        JsonNode json = health.json();
        for (JsonNode device : json.path("devices")) {
            String where = "health device " + device;
            assertThat(device.path("state").asText()).as(where).isEqualTo("ONLINE");
            assertThat(device.path("polls").asLong()).as(where).isPositive();
            assertThat(device.path("lastSeen").asLong()).as(where).isPositive();
            assertThat(device.path("responseMicros").asLong()).as(where).isPositive();
        }
        Map<String, JsonNode> buses = StreamSupport.stream(json.path("buses").spliterator(), false)
                .collect(Collectors.toMap(b -> b.path("id").asText(), b -> b));
        assertThat(buses.keySet()).containsExactlyInAnyOrder("lights-tcp", "env-tcp");
        assertThat(buses.get("lights-tcp").path("devices").asInt()).isEqualTo(3);
        assertThat(buses.get("lights-tcp").path("online").asInt()).isEqualTo(3);
        assertThat(buses.get("env-tcp").path("online").asInt()).isEqualTo(1);
        assertThat(json.path("uplink").path("state").asText()).isEqualTo("CONNECTED");
        assertThat(json.path("buffer").path("problem").isNull()).as("buffer.problem").isTrue();
    }

    @Test
    void theGatewayLogsNoErrorOnAHealthySite() {
        assertThat(bed.gateway().logLines(" ERROR ")).isEmpty();
        assertThat(bed.gateway().logLines("uplink: connected to " + bed.broker().url())).hasSize(1);
    }

    private static double value(List<IocMessage> received, String device, String point) {
        return Telemetry.latest(received, device, point).orElseThrow().path("value").asDouble();
    }
}
