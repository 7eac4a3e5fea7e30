package org.cityedge.coap.internal.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cityedge.api.model.Sample;
import org.cityedge.coap.internal.DriverConfig;
import org.cityedge.coap.internal.dtls.CaliforniumSetup;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The push server: a DTLS endpoint, plus a plain one only when allowed; ports 0 bind ephemeral ports. */
public final class ReadingsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingsServer.class);

    private final CoapServer server;
    private final CoapEndpoint dtls;
    private final CoapEndpoint plain;
    private final ServerCounters counters = new ServerCounters();

    public ReadingsServer(DriverConfig config, Configuration cf, AdvancedPskStore keys,
            Function<String, PushNode> nodes, Consumer<List<Sample>> publisher, SenmlCodec senml) {
        server = new CoapServer(cf);
        dtls = CaliforniumSetup.dtls(cf, new InetSocketAddress(config.bindAddress(), config.serverPort()), keys, true,
                counters);
        server.addEndpoint(dtls);
        if (config.allowPlain()) {
            plain = CaliforniumSetup.plain(cf, new InetSocketAddress(config.bindAddress(), config.plainPort()));
            server.addEndpoint(plain);
        } else {
            plain = null;
        }
        server.add(new ReadingsResource(nodes, publisher, counters, senml, config.maxPayloadBytes(),
                config.allowPlain()));
    }

    public ReadingsServer start() {
        server.start();
        LOG.info("CoAP server: DTLS on {}{}", dtls.getAddress(), plain == null ? "" : ", plain on "
                + plain.getAddress());
        return this;
    }

    /** The bound DTLS port (useful when configured as 0). */
    public int dtlsPort() {
        return dtls.getAddress().getPort();
    }

    /** The bound plain port, or -1 when plain CoAP is off. */
    public int plainPort() {
        return plain == null ? -1 : plain.getAddress().getPort();
    }

    public ServerCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
