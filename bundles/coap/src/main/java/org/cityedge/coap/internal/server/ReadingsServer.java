package org.cityedge.coap.internal.server;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

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
            Function<String, PushNode> nodes, Predicate<String> hasKey, Consumer<List<Sample>> publisher,
            SenmlCodec senml) {
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
        server.add(new ReadingsResource(nodes, hasKey, publisher, counters, senml, config.maxPayloadBytes(),
                config.allowPlain()));
    }

    /**
     * Binds and starts the endpoints. When one cannot bind (port in use), everything is released and an
     * {@link IllegalStateException} says which address; the caller may try again with a new instance.
     */
    public ReadingsServer start() {
        try {
            probe(dtls.getAddress());
            if (plain != null) {
                probe(plain.getAddress());
            }
            server.start(); // logs and skips an endpoint that fails to bind: checked below
        } catch (RuntimeException e) {
            server.destroy();
            throw new IllegalStateException("cannot bind: " + e.getMessage(), e);
        }
        if (!dtls.isStarted() || plain != null && !plain.isStarted()) {
            server.destroy();
            throw new IllegalStateException("cannot bind " + (dtls.isStarted() ? plain : dtls).getAddress());
        }
        LOG.info("CoAP server: DTLS on {}{}", dtls.getAddress(), plain == null ? "" : ", plain on "
                + plain.getAddress());
        return this;
    }

    /** A port taken by another process is reported here, without Californium logging an error at each retry. */
    private static void probe(InetSocketAddress address) {
        if (address.getPort() == 0) {
            return;
        }
        try (DatagramSocket s = new DatagramSocket(address)) {
            // free: released at once for the endpoint
        } catch (SocketException e) {
            throw new IllegalStateException(address + ": " + e.getMessage(), e);
        }
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
