package org.cityedge.coap.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.coap.internal.CoapDriver;
import org.cityedge.coap.internal.TestSites;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A device on a raw UDP socket that sends Observe notifications out of order, as the network may deliver them: the
 * driver keeps the newest value (RFC 7641 §3.4) and counts the stale one.
 */
class ObserveOrderTest {

    final List<Sample> received = Collections.synchronizedList(new ArrayList<>());
    final UdpDataSerializer serializer = new UdpDataSerializer();
    DatagramSocket device;
    CoapDriver driver;
    SocketAddress gateway;
    Token token;
    int mid = 1000;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void aNotificationOlderThanTheLastOneIsDropped() throws Exception {
        device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        device.setSoTimeout(10_000);
        driver = new CoapDriver(TestSites.config(true, null), received::addAll).start();
        var profile = ClientTest.lampOnly("/3311/0");
        driver.update(TestSites.site(TestSites.device("lamp-1", profile.id(), "coap://127.0.0.1:"
                + device.getLocalPort())), TestSites.profiles(profile));

        Request register = awaitRegistration();
        Response first = notification(Type.ACK, 5, 40);
        first.setMID(register.getMID());
        send(first);
        ClientTest.waitFor(() -> has(40L));

        send(notification(Type.NON, 10, 50));
        ClientTest.waitFor(() -> has(50L));
        send(notification(Type.NON, 7, 30)); // overtaken by 10 on the way: stale
        send(notification(Type.NON, 11, 60));
        ClientTest.waitFor(() -> has(60L) && health().errors().getOrDefault("staleNotification", 0L) == 1,
                () -> health() + " " + received);
        assertThat(has(30L)).isFalse();
    }

    Request awaitRegistration() throws Exception {
        UdpDataParser parser = new UdpDataParser();
        byte[] buf = new byte[2048];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            device.receive(p);
            Message m = parser.parseMessage(Arrays.copyOf(p.getData(), p.getLength()));
            if (m instanceof Request r && r.getOptions().hasObserve()) {
                gateway = p.getSocketAddress();
                token = r.getToken();
                return r;
            }
        }
        throw new AssertionError("no Observe registration within 10 s");
    }

    Response notification(Type type, int observe, long dim) {
        Response r = new Response(ResponseCode.CONTENT);
        r.setType(type);
        r.setMID(mid++);
        r.setToken(token);
        r.getOptions().setObserve(observe).setContentFormat(110).setMaxAge(60);
        r.setPayload(("[{\"bn\":\"/3311/0/\",\"n\":\"5850\",\"vb\":true},{\"n\":\"5851\",\"v\":" + dim + "}]")
                .getBytes(StandardCharsets.UTF_8));
        return r;
    }

    void send(Response r) throws Exception {
        byte[] bytes = serializer.getByteArray(r);
        device.send(new DatagramPacket(bytes, bytes.length, gateway));
    }

    boolean has(long dim) {
        synchronized (received) {
            return received.stream().anyMatch(s -> s.point().equals("dimLevel") && s.quality() == Quality.GOOD
                    && Long.valueOf(dim).equals(s.value()));
        }
    }

    DeviceHealth health() {
        return driver.health().stream().filter(h -> h.deviceId().equals("lamp-1")).findFirst().orElseThrow();
    }
}
