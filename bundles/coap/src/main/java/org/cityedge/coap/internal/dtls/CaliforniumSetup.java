package org.cityedge.coap.internal.dtls;

import java.net.InetSocketAddress;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.DtlsHealth;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;

/**
 * Californium configuration built in code: Californium would otherwise write Californium3.properties into the working
 * directory. Small thread counts: a gateway has few cores.
 */
public final class CaliforniumSetup {

    static {
        CoapConfig.register();
        DtlsConfig.register();
        UdpConfig.register();
    }

    /** Peers remembered at once: far above a gateway's nodes, far below Californium's 150,000. */
    static final int MAX_PEERS = 2_000;

    private CaliforniumSetup() {
    }

    public static Configuration configuration(int maxPayloadBytes) {
        Configuration c = new Configuration();
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
        // above maxPayloadBytes the readings resource answers 4.13 itself, so that refusal is counted
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Math.max(maxPayloadBytes * 4, 8192));
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        // Duplicate detection per peer, last few exchanges only: the default keeps every exchange for its 247 s
        // lifetime (2.5-3 KB each), so a node posting 100 packs/s would fill a 64 MB heap. A node keeps one
        // request in flight (NSTART 1), so 16 remembered exchanges a peer catch every retransmission.
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 16);
        c.set(CoapConfig.MAX_ACTIVE_PEERS, MAX_PEERS);
        return c;
    }

    public static CoapEndpoint plain(Configuration c, InetSocketAddress bind) {
        return new CoapEndpoint.Builder().setConfiguration(c).setInetSocketAddress(bind).build();
    }

    public static CoapEndpoint dtls(Configuration c, InetSocketAddress bind, AdvancedPskStore psk, boolean server,
            DtlsHealth health) {
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(c).setAddress(bind).setAdvancedPskStore(psk)
                .set(DtlsConfig.DTLS_ROLE, server ? DtlsConfig.DtlsRole.SERVER_ONLY : DtlsConfig.DtlsRole.CLIENT_ONLY);
        if (health != null) {
            b.setHealthHandler(health);
        }
        return new CoapEndpoint.Builder().setConfiguration(c).setConnector(new DTLSConnector(b.build())).build();
    }
}
