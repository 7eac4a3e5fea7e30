package org.cityedge.simulator.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityedge.simulator.Fault;
import org.cityedge.simulator.Simulator;
import org.cityedge.site.load.LoadResult;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** AQN-2 push nodes posting to an in-test Californium server standing for the gateway (plain and DTLS). */
class PushNodeTest {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private static final byte[] KEY = "aqn-secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private CoapServer gateway;
    private Simulator sim;

    record Post(String device, int contentFormat, byte[] payload, String identity) {
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.stop();
        }
        if (gateway != null) {
            gateway.destroy();
        }
    }

    @Test
    void plainPushesAreValidSenmlCbor() throws Exception {
        URI uri = startGateway(false);
        sim = start(uri, """
                  - {id: aqn-1, bus: nbiot, profile: mekong-aqn2}
                  - {id: aqn-bad, bus: nbiot, profile: mekong-aqn2}
                """);
        Post post = next("aqn-1");
        assertThat(post.contentFormat()).isEqualTo(112);
        JsonNode pack = new ObjectMapper(new CBORFactory()).readTree(post.payload());
        Map<String, JsonNode> records = new HashMap<>();
        String bn = "";
        for (JsonNode r : pack) {
            bn = r.has("-2") ? r.get("-2").asText() : bn;
            records.put(bn + r.get("0").asText(), r);
        }
        assertThat(records).containsOnlyKeys("/3428/0/1", "/3428/0/3", "/3428/0/7", "/3428/0/9", "/3428/0/12",
                "/3428/0/15", "/3303/0/5700");
        assertThat(records.get("/3428/0/3").get("2").asDouble())
                .isEqualTo(sim.device("aqn-1").value("pm25"), org.assertj.core.api.Assertions.within(50.0));
        assertThat(records.get("/3428/0/3").get("1").asText()).isEqualTo("ug/m3");
        assertThat(records.get("/3303/0/5700").get("6").asDouble()).isGreaterThan(1.6e9);   // absolute time

        waitFor(() -> sim.device("aqn-1").pushCounters().answered() >= 1);
        waitFor(() -> sim.device("aqn-bad").pushCounters().refused() >= 1);
        assertThat(sim.device("aqn-bad").pushCounters().lastCode()).isEqualTo("4.03");
        assertThat(sim.deviceEndpoint("aqn-1").toString()).contains("pushes SenML CBOR to " + uri + "/readings/aqn-1");

        sim.device("aqn-1").fault(Fault.noAnswer());
        long skipped = sim.device("aqn-1").pushCounters().skipped();
        waitFor(() -> sim.device("aqn-1").pushCounters().skipped() > skipped);
    }

    @Test
    void dtlsPushesPresentTheDeviceIdentity() throws Exception {
        URI uri = startGateway(true);
        sim = start(uri, """
                  - {id: aqn-1, bus: nbiot, profile: mekong-aqn2}
                """);
        Post post = next("aqn-1");
        assertThat(post.identity()).isEqualTo("aqn-1");
        assertThat(new ObjectMapper(new CBORFactory()).readTree(post.payload()).size()).isEqualTo(7);
        waitFor(() -> sim.device("aqn-1").pushCounters().answered() >= 1);
    }

    @Test
    void withoutAGatewayPushNodesIdleWithAWarning() throws Exception {
        LoadResult site = CoapSites.load(tmp, "  - {id: aqn-1, bus: nbiot, profile: mekong-aqn2}\n");
        sim = Simulator.builder().anyFreePorts().build().start(site.site(), site.profiles());
        assertThat(sim.warnings()).anyMatch(w -> w.contains("aqn-1") && w.contains("no CoAP gateway"));
        assertThat(sim.deviceEndpoint("aqn-1").uri()).isNull();
    }

    private Simulator start(URI gatewayUri, String devices) throws Exception {
        LoadResult site = CoapSites.load(tmp, devices);
        return Simulator.builder().anyFreePorts().coapGateway(gatewayUri).pushInterval(Duration.ofMillis(300))
                .coapKeys(Map.of("aqn-1", KEY)).build().start(site.site(), site.profiles());
    }

    private URI startGateway(boolean dtls) throws Exception {
        Configuration config = Configuration.createStandardWithoutFile();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        CoapEndpoint endpoint;
        if (dtls) {
            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
            store.setKey("aqn-1", KEY);
            endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(
                    DtlsConnectorConfig.builder(config).setAddress(any)
                            .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY).setAdvancedPskStore(store)
                            .build())).build();
        } else {
            endpoint = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(any).build();
        }
        gateway = new CoapServer(config);
        gateway.addEndpoint(endpoint);
        CoapResource readings = new CoapResource("readings");
        for (String id : new String[] {"aqn-1", "aqn-bad"}) {
            readings.add(new CoapResource(id) {
                @Override
                public void handlePOST(CoapExchange exchange) {
                    var principal = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
                    posts.add(new Post(id, exchange.getRequestOptions().getContentFormat(),
                            exchange.getRequestPayload(), principal == null ? null : principal.getName()));
                    exchange.respond(id.equals("aqn-bad") ? ResponseCode.FORBIDDEN : ResponseCode.CHANGED);
                }
            });
        }
        gateway.add(readings);
        gateway.start();
        return URI.create((dtls ? "coaps" : "coap") + "://127.0.0.1:" + endpoint.getAddress().getPort());
    }

    private Post next(String device) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Post p = posts.poll(200, TimeUnit.MILLISECONDS);
            if (p != null && p.device().equals(device)) {
                return p;
            }
        }
        throw new AssertionError("no POST from " + device + " within 10 s");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
