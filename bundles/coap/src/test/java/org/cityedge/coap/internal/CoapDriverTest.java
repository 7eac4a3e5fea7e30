package org.cityedge.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.coap.internal.dtls.CaliforniumSetup;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver's lifecycle around the push server: a port in use, and nodes that fall silent. */
class CoapDriverTest {

    final List<Sample> received = Collections.synchronizedList(new ArrayList<>());
    CoapDriver driver;
    DatagramSocket squatter;
    CoapEndpoint nodeEndpoint;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (squatter != null) {
            squatter.close();
        }
        if (nodeEndpoint != null) {
            nodeEndpoint.destroy();
        }
    }

    @Test
    void thePushServerListensOnlyWhileTheSiteHasPushNodes() throws Exception {
        driver = new CoapDriver(TestSites.config(true, null, 0, 0), received::addAll).start();
        driver.update(TestSites.site(TestSites.device("lamp-9", "slc", "coap://127.0.0.1:9")),
                TestSites.profiles(TestSites.airNode(), TestSites.lamp(300)));
        assertThat(driver.server()).as("no push node: no listening port").isNull();

        driver.update(TestSites.site(TestSites.device("aqn-3", "aqn", null),
                TestSites.device("lamp-9", "slc", "coap://127.0.0.1:9")),
                TestSites.profiles(TestSites.airNode(), TestSites.lamp(300)));
        assertThat(driver.server()).isNotNull();
        int port = driver.server().plainPort();
        assertThat(health("aqn-3").errors()).as("a server that starts is no refusal").isEmpty();

        driver.update(TestSites.site(TestSites.device("lamp-9", "slc", "coap://127.0.0.1:9")),
                TestSites.profiles(TestSites.airNode(), TestSites.lamp(300)));
        assertThat(driver.server()).isNull();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(again.getLocalPort()).as("the port was given back").isEqualTo(port);
        }
    }

    @Test
    void serverPortInUseKeepsReadDevicesAndRetriesTheServer() throws Exception {
        squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = squatter.getLocalPort();
        driver = new CoapDriver(TestSites.config(true, null, port, 0), received::addAll).start();
        driver.update(TestSites.site(TestSites.device("aqn-1", "aqn", null),
                TestSites.device("lamp-9", "slc", "coap://127.0.0.1:9")),
                TestSites.profiles(TestSites.airNode(), TestSites.lamp(300)));

        assertThat(driver.deviceIds()).containsExactlyInAnyOrder("aqn-1", "lamp-9");
        assertThat(driver.server()).isNull();
        assertThat(health("aqn-1").state()).isEqualTo(DeviceState.OFFLINE);
        // the client side runs: the lamp (nothing listens on port 9) is read and times out
        waitFor(() -> health("lamp-9").errors().containsKey("timeout"), () -> health("lamp-9").toString());
        waitFor(() -> health("aqn-1").errors().getOrDefault("serverUnavailable", 0L) >= 2,
                () -> health("aqn-1").toString()); // retried

        squatter.close();
        waitFor(() -> driver.server() != null, () -> health("aqn-1").toString());
        assertThat(driver.server().dtlsPort()).isEqualTo(port);
        assertThat(driver.deviceIds()).containsExactlyInAnyOrder("aqn-1", "lamp-9");
    }

    @Test
    void silentPushNodeGoesOfflineAndItsValuesStaleOnce() throws Exception {
        driver = new CoapDriver(TestSites.config(true, null, 0, 400), received::addAll).start();
        driver.update(TestSites.site(TestSites.device("aqn-3", "aqn", null)), TestSites.profiles(TestSites.airNode()));
        assertThat(post("[{\"n\":\"/3428/0/1\",\"v\":12.5}]")).isEqualTo(ResponseCode.CHANGED);

        waitFor(() -> stale("pm10", 12.5) == 1, received::toString);
        assertThat(health("aqn-3").state()).isEqualTo(DeviceState.OFFLINE);
        long silences = health("aqn-3").errors().get("silent");
        assertThat(received).anyMatch(s -> s.point().equals("pm25") && s.quality() == Quality.BAD
                && "silent".equals(s.reason()));
        Thread.sleep(500); // several checks later: still one STALE republication for that silence
        assertThat(stale("pm10", 12.5)).isEqualTo(1);
        assertThat(health("aqn-3").errors().get("silent")).isEqualTo(silences);

        assertThat(post("[{\"n\":\"/3428/0/1\",\"v\":14}]")).isEqualTo(ResponseCode.CHANGED); // heard again
        waitFor(() -> stale("pm10", 14.0) == 1, received::toString); // ... and silent again later
        assertThat(health("aqn-3").errors().get("silent")).isEqualTo(silences + 1);
    }

    @Test
    void pushStalenessZeroIsOff() throws Exception {
        driver = new CoapDriver(TestSites.config(true, null, 0, 0), received::addAll).start();
        driver.update(TestSites.site(TestSites.device("aqn-3", "aqn", null)), TestSites.profiles(TestSites.airNode()));
        assertThat(post("[{\"n\":\"/3428/0/1\",\"v\":12.5}]")).isEqualTo(ResponseCode.CHANGED);
        Thread.sleep(300);
        assertThat(health("aqn-3").state()).isEqualTo(DeviceState.ONLINE);
        assertThat(received).allMatch(s -> s.quality() == Quality.GOOD);
    }

    ResponseCode post(String senmlJson) throws Exception {
        if (nodeEndpoint == null) {
            nodeEndpoint = CaliforniumSetup.plain(CaliforniumSetup.configuration(1024),
                    new InetSocketAddress("127.0.0.1", 0));
            nodeEndpoint.start();
        }
        CoapClient c = new CoapClient("coap://127.0.0.1:" + driver.server().plainPort() + "/readings/aqn-3");
        c.setEndpoint(nodeEndpoint);
        c.setTimeout(5000L);
        try {
            CoapResponse r = c.post(senmlJson, 110);
            return r == null ? null : r.getCode();
        } finally {
            c.shutdown();
        }
    }

    long stale(String point, Object value) {
        synchronized (received) {
            return received.stream().filter(s -> s.point().equals(point) && s.quality() == Quality.STALE
                    && value.equals(s.value()) && "silent".equals(s.reason())).count();
        }
    }

    DeviceHealth health(String id) {
        return driver.health().stream().filter(h -> h.deviceId().equals(id)).findFirst().orElseThrow();
    }

    static void waitFor(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "condition within 10 s; " + state.get()).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
