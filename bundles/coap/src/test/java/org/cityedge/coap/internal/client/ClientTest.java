package org.cityedge.coap.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.coap.internal.CoapDriver;
import org.cityedge.coap.internal.TestSites;
import org.cityedge.coap.internal.dtls.CaliforniumSetup;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an in-test Californium device serving LwM2M-like resources, plain and over DTLS PSK. */
class ClientTest {

    final List<Sample> received = Collections.synchronizedList(new ArrayList<>());
    final SenmlCodec senml = new SenmlCodec();
    CoapServer device;
    CoapDriver driver;
    volatile boolean power = true;
    volatile long dim = 40;
    volatile String temperature = "31.5";
    LightControl light;

    /** /3311/0: observable SenML JSON instance; POST is a partial update. */
    final class LightControl extends CoapResource {
        LightControl() {
            super("0");
            setObservable(true);
        }

        @Override
        public void handleGET(CoapExchange ex) {
            ex.respond(ResponseCode.CONTENT, ("[{\"bn\":\"/3311/0/\",\"n\":\"5850\",\"vb\":" + power
                    + "},{\"n\":\"5851\",\"v\":" + dim + "}]").getBytes(StandardCharsets.UTF_8), 110);
        }

        @Override
        public void handlePOST(CoapExchange ex) {
            try {
                var r = senml.decodeJson(ex.getRequestPayload(), 0).get(0);
                if (r.name().equals("/3311/0/5851")) {
                    dim = ((Double) r.value()).longValue();
                } else {
                    power = (Boolean) r.value();
                }
                ex.respond(ResponseCode.CHANGED);
                changed();
            } catch (Exception e) {
                ex.respond(ResponseCode.BAD_REQUEST);
            }
        }
    }

    @TempDir
    Path dir;

    void startDevice(boolean dtls) throws Exception {
        Configuration cf = CaliforniumSetup.configuration(1024);
        device = new CoapServer(cf);
        if (dtls) {
            AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
            keys.setKey("lamp-1", "lamp-key".getBytes(StandardCharsets.US_ASCII));
            device.addEndpoint(CaliforniumSetup.dtls(cf, new InetSocketAddress("127.0.0.1", 0), keys, true, null));
        } else {
            device.addEndpoint(CaliforniumSetup.plain(cf, new InetSocketAddress("127.0.0.1", 0)));
        }
        light = new LightControl();
        CoapResource o3311 = new CoapResource("3311");
        o3311.add(light);
        CoapResource o3416 = new CoapResource("3416");
        o3416.add(new CoapResource("0") {
            @Override
            public void handleGET(CoapExchange ex) {
                // not observable: answers without the Observe option
                ex.respond(ResponseCode.CONTENT, senml.encodeOne("/3416/0/21", 55.5, true), 112);
            }
        });
        CoapResource o3303 = new CoapResource("3303");
        CoapResource i0 = new CoapResource("0");
        i0.add(new CoapResource("5700") {
            @Override
            public void handleGET(CoapExchange ex) {
                ex.respond(ResponseCode.CONTENT, temperature, 0);
            }

            @Override
            public void handlePUT(CoapExchange ex) {
                temperature = ex.getRequestText();
                ex.respond(ResponseCode.CHANGED);
            }
        });
        o3303.add(i0);
        device.add(o3311, o3416, o3303);
        device.start();
    }

    int devicePort() {
        return device.getEndpoints().get(0).getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (device != null) {
            device.destroy();
        }
    }

    void startDriver(boolean plain, String scheme, int port, int timeoutMs) throws Exception {
        startDriver(plain, scheme + "://127.0.0.1:" + port, TestSites.lamp(timeoutMs));
    }

    void startDriver(boolean plain, String address, DeviceProfile profile) throws Exception {
        Path psk = dir.resolve("psk");
        Files.writeString(psk, "lamp-1=base64:" + java.util.Base64.getEncoder().encodeToString("lamp-key".getBytes())
                + "\n");
        driver = new CoapDriver(TestSites.config(plain, psk.toString()), received::addAll).start();
        driver.update(TestSites.site(TestSites.device("lamp-1", profile.id(), address)),
                TestSites.profiles(profile));
    }

    /** The lamp profile with only the points of one resource path. */
    static DeviceProfile lampOnly(String path) {
        DeviceProfile lamp = TestSites.lamp(2000);
        return new DeviceProfile(lamp.id(), lamp.vendor(), lamp.model(), lamp.kind(), lamp.fiwareType(),
                lamp.limits(), lamp.points().stream().filter(p -> p.coap().path().equals(path)).toList(),
                lamp.commands(), lamp.identification(), lamp.source(), lamp.protocol());
    }

    @Test
    void observeRegistersAndUnobservableResourceIsPolled() throws Exception {
        startDevice(false);
        startDriver(true, "coap", devicePort(), 2000);
        waitFor(() -> has("dimLevel", 40L) && has("gearTemperature", 55.5) && has("nodeTemperature", 31.5));
        waitFor(() -> countOf("gearTemperature") >= 3); // /3416/0 answers without Observe: polled
        assertThat(health().errors()).containsEntry("observeRefused", 1L);
        assertThat(health().state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void observeDeliversChanges() throws Exception {
        startDevice(false);
        startDriver(true, "coap", devicePort(), 2000);
        waitFor(() -> has("dimLevel", 40L));
        dim = 77;
        light.changed();
        waitFor(() -> has("dimLevel", 77L), () -> received.stream().filter(s -> s.point().equals("dimLevel"))
                .toList() + " " + health());
        dim = 78;
        light.changed();
        waitFor(() -> has("dimLevel", 78L));
        assertThat(health().errors()).doesNotContainKey("staleNotification"); // in-order notifications all count
    }

    @Test
    void anAnswerWithoutAGoodValueIsDegraded() throws Exception {
        startDevice(false);
        temperature = "warm"; // 2.05, but not a number
        startDriver(true, "coap://127.0.0.1:" + devicePort(), lampOnly("/3303/0/5700"));
        waitFor(() -> health().errors().containsKey("noGoodValue"), () -> health().toString());
        assertThat(health().state()).isEqualTo(DeviceState.DEGRADED);
        temperature = "30.5";
        waitFor(() -> has("nodeTemperature", 30.5));
        waitFor(() -> health().state() == DeviceState.ONLINE, () -> health().toString());
    }

    @Test
    void anUnresolvableHostIsRetriedWithBackoffInEveryGroup() throws Exception {
        startDriver(true, "coap://no-such-host.invalid:5683", TestSites.lamp(300));
        // an observed group (3311) and a polled one (3303 text): each fails, and keeps being tried
        waitFor(() -> bad("dimLevel") >= 3 && bad("nodeTemperature") >= 3, () -> health() + " " + received);
        assertThat(health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(health().errors()).containsKey("unresolved");
        WriteResult w = driver.write("lamp-1", "dimLevel", 10).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(w.ok()).isFalse();
        assertThat(w.error()).contains("unresolved");
    }

    @Test
    void verifiedWritesByPostSenmlAndPutText() throws Exception {
        startDevice(false);
        startDriver(true, "coap", devicePort(), 2000);
        WriteResult dimmed = driver.write("lamp-1", "dimLevel", 25).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(dimmed.ok()).as(String.valueOf(dimmed.error())).isTrue();
        assertThat(dimmed.readBack()).isEqualTo(25L);
        assertThat(dim).isEqualTo(25);
        WriteResult t = driver.write("lamp-1", "nodeTemperature", 20.5).toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        assertThat(t.ok()).isTrue();
        assertThat(temperature).isEqualTo("20.5");
        WriteResult refused = driver.write("lamp-1", "dimLevel", 150).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).contains("[0.0, 100.0]");
        assertThat(dim).isEqualTo(25);
        assertThat(driver.write("lamp-1", "gearTemperature", 1).toCompletableFuture().get().error())
                .contains("read-only");
    }

    @Test
    void dtlsPskClientReadsAScandiumDevice() throws Exception {
        startDevice(true);
        startDriver(false, "coaps", devicePort(), 3000);
        waitFor(() -> has("gearTemperature", 55.5) && has("powerState", true));
    }

    @Test
    void dtlsPskClientReachesADeviceByHostName() throws Exception {
        startDevice(true); // the PSK is registered for the address the name resolved to, outside any lock
        startDriver(false, "coaps://localhost:" + devicePort(), TestSites.lamp(3000));
        waitFor(() -> has("gearTemperature", 55.5) && has("powerState", true), () -> health().toString());
    }

    @Test
    void plainRefusedWhenNotAllowed() throws Exception {
        startDevice(false);
        startDriver(false, "coap", devicePort(), 2000);
        assertThat(health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(health().errors()).containsKey("plainRefused");
    }

    @Test
    void silentDeviceGoesOffline() throws Exception {
        startDriver(true, "coap", 9, 300); // nothing listens on port 9
        waitFor(() -> health().state() == DeviceState.OFFLINE);
        assertThat(health().errors()).containsKey("timeout");
        assertThat(received).allMatch(s -> s.quality() == Quality.BAD);
    }

    DeviceHealth health() {
        return driver.health().stream().filter(h -> h.deviceId().equals("lamp-1")).findFirst().orElseThrow();
    }

    boolean has(String point, Object value) {
        synchronized (received) {
            return received.stream().anyMatch(s -> s.point().equals(point) && value.equals(s.value())
                    && s.quality() == Quality.GOOD);
        }
    }

    long bad(String point) {
        synchronized (received) {
            return received.stream().filter(s -> s.point().equals(point) && s.quality() == Quality.BAD
                    && "unresolved".equals(s.reason())).count();
        }
    }

    long countOf(String point) {
        synchronized (received) {
            return received.stream().filter(s -> s.point().equals(point) && s.quality() == Quality.GOOD).count();
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        waitFor(condition, () -> "");
    }

    static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "condition within 10 s; " + state.get()).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
