package org.cityedge.simulator.coap;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * What every simulated CoAP endpoint shares: one Californium configuration built in code (so nothing writes
 * {@code Californium3.properties} into the working directory), and one pair of executors, so a site of hundreds of
 * nodes does not start hundreds of protocol thread pools. Each connector still has its own receive/send thread.
 */
public final class CoapStack implements AutoCloseable {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final Configuration config;
    private final ScheduledExecutorService main;
    private final ScheduledExecutorService secondary;

    public CoapStack() {
        config = Configuration.createStandardWithoutFile();
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 256);
        config.set(CoapConfig.MAX_ACTIVE_PEERS, 256);
        main = Executors.newScheduledThreadPool(2, threads("sim-coap"));
        secondary = Executors.newSingleThreadScheduledExecutor(threads("sim-coap-timer"));
    }

    /** Protocol stage executor: Californium runs resources here; faults delay answers on it. */
    ScheduledExecutorService main() {
        return main;
    }

    ScheduledExecutorService secondary() {
        return secondary;
    }

    Configuration config() {
        return config;
    }

    /** Plain UDP server endpoint bound to {@code address} (port 0: any free port). */
    CoapEndpoint plain(InetSocketAddress address) {
        UDPConnector connector = new UDPConnector(address, config);
        return new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
    }

    /** DTLS server endpoint accepting one PSK identity. */
    CoapEndpoint dtlsServer(InetSocketAddress address, String identity, byte[] key) {
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        store.setKey(identity, key);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config).setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY).setAdvancedPskStore(store).build();
        return new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }

    /** DTLS client endpoint on an ephemeral loopback port, presenting {@code identity}. */
    CoapEndpoint dtlsClient(String identity, byte[] key) {
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key)).build();
        return new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }

    /** Stops the shared executors; endpoints are destroyed by their owners first. */
    @Override
    public void close() {
        for (ScheduledExecutorService e : new ScheduledExecutorService[] {main, secondary}) {
            e.shutdownNow();
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
