package org.cityedge.coap.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.coap.internal.client.ClientEngine;
import org.cityedge.coap.internal.client.DeviceStatus;
import org.cityedge.coap.internal.codec.PointCodec;
import org.cityedge.coap.internal.dtls.CaliforniumSetup;
import org.cityedge.coap.internal.dtls.PskFile;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.cityedge.coap.internal.server.PushNode;
import org.cityedge.coap.internal.server.ReadingsServer;
import org.cityedge.coap.internal.server.ServerCounters;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole CoAP driver without OSGi: client endpoints and engine for devices the gateway reads, the push server for
 * nodes that post, the PSK file, and site reconciliation. The DS component only wires it; tests drive it directly.
 */
public final class CoapDriver implements FieldDevices, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoapDriver.class);

    private final DriverConfig config;
    private final Consumer<List<Sample>> publisher;
    private final SenmlCodec senml = new SenmlCodec();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "coap-driver");
        t.setDaemon(true);
        return t;
    });
    private final PskFile pskFile;
    private final AdvancedMultiPskStore serverKeys = new AdvancedMultiPskStore();
    private final AdvancedMultiPskStore clientPeers = new AdvancedMultiPskStore();
    private final Map<String, PushNode> pushNodes = new ConcurrentHashMap<>();
    private final Set<String> serverIdentities = new HashSet<>();
    /** Last GOOD sample of each pushed point, by device then point: republished as STALE when a node falls silent. */
    private final Map<String, Map<String, Sample>> lastPushed = new ConcurrentHashMap<>();
    private Configuration californium;
    private long serverRetryMs;
    private int serverBindFailures;
    private boolean closed;
    private CoapEndpoint plainClient;
    private CoapEndpoint dtlsClient;
    private ClientEngine client;
    private ReadingsServer server;
    private Site site = Site.EMPTY;
    private Map<String, DeviceProfile> profiles = Map.of();

    public CoapDriver(DriverConfig config, Consumer<List<Sample>> publisher) {
        this.config = config;
        this.publisher = publisher;
        this.pskFile = new PskFile(config.pskFile() == null || config.pskFile().isBlank() ? null
                : Path.of(config.pskFile()));
    }

    /**
     * Starts the client endpoints (a failure there throws, with everything closed). The push server starts with the
     * first push node of the site (see {@link #update}), so a gateway without one listens on no CoAP port.
     */
    public synchronized CoapDriver start() {
        try {
            californium = CaliforniumSetup.configuration(config.maxPayloadBytes());
            pskFile.refresh();
            applyServerKeys();
            dtlsClient = CaliforniumSetup.dtls(californium, new InetSocketAddress(0), clientPeers, false, null);
            dtlsClient.start();
            if (config.allowPlain()) {
                plainClient = CaliforniumSetup.plain(californium, new InetSocketAddress(0));
                plainClient.start();
            }
            client = new ClientEngine(config, scheduler, publisher, senml, plainClient, dtlsClient, clientPeers,
                    pskFile::key);
            if (config.pskFile() != null && config.pskCheckMs() > 0) {
                scheduler.scheduleWithFixedDelay(this::checkKeys, config.pskCheckMs(), config.pskCheckMs(),
                        TimeUnit.MILLISECONDS);
            }
            if (config.pushStaleAfterMs() > 0) {
                long every = Math.max(50, Math.min(config.pushStaleAfterMs() / 4, 60_000));
                scheduler.scheduleWithFixedDelay(this::checkSilentNodes, every, every, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("CoAP client endpoints cannot start", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Binds the push server while the site has push nodes; when it cannot (port in use), logs once, marks the push
     * nodes, and tries again later (a retry finds nothing to do once the server runs or the push nodes are gone).
     */
    private synchronized void startServer() {
        if (closed || server != null || !config.serverEnabled() || pushNodes.isEmpty()) {
            serverRetryMs = 0; // nothing pending: the next site revision with push nodes starts it
            return;
        }
        try {
            server = new ReadingsServer(config, californium, serverKeys, pushNodes::get,
                    id -> pskFile.key(id) != null, this::publishPushed, senml).start();
            if (serverBindFailures > 0) {
                LOG.info("CoAP server: started after {} failed attempts", serverBindFailures);
            }
            serverBindFailures = 0;
            serverRetryMs = 0;
        } catch (RuntimeException e) {
            serverBindFailures++;
            serverRetryMs = serverRetryMs == 0 ? config.backoffInitialMs()
                    : Math.min(config.backoffCapMs(), serverRetryMs * 2);
            if (serverBindFailures == 1) {
                LOG.error("CoAP server cannot start ({}): push nodes cannot post; retrying with backoff up to {} ms",
                        e.getMessage(), config.backoffCapMs());
            } else {
                LOG.debug("CoAP server: attempt {} failed: {}", serverBindFailures, e.getMessage());
            }
            pushNodes.values().forEach(n -> n.status().refused("serverUnavailable"));
            scheduler.schedule(this::startServer, serverRetryMs, TimeUnit.MILLISECONDS);
        }
    }

    private void publishPushed(List<Sample> samples) {
        for (Sample s : samples) {
            if (s.quality() == Quality.GOOD) {
                lastPushed.computeIfAbsent(s.deviceId(), k -> new ConcurrentHashMap<>()).put(s.point(), s);
            }
        }
        publisher.accept(samples);
    }

    /** A push node not heard from for pushStaleAfterMs goes OFFLINE; its last values are republished once STALE. */
    private void checkSilentNodes() {
        try {
            long now = System.currentTimeMillis();
            for (PushNode n : pushNodes.values()) {
                if (n.status().silentSince(now - config.pushStaleAfterMs())) {
                    LOG.warn("CoAP push node {}: nothing accepted for {} ms: OFFLINE", n.deviceId(),
                            config.pushStaleAfterMs());
                    Map<String, Sample> last = lastPushed.getOrDefault(n.deviceId(), Map.of());
                    publisher.accept(PointCodec.spoil(n.deviceId(), n.points(), last::get, "silent", now));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("CoAP: checking push nodes for silence failed", e);
        }
    }

    private void checkKeys() {
        try {
            if (pskFile.refresh()) {
                synchronized (this) {
                    applyServerKeys();
                    apply();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("CoAP: applying the PSK file failed", e);
        }
    }

    private synchronized void applyServerKeys() {
        Map<String, byte[]> keys = pskFile.keys();
        for (String gone : new ArrayList<>(serverIdentities)) {
            if (!keys.containsKey(gone)) {
                serverKeys.removeKey(gone);
                serverIdentities.remove(gone);
            }
        }
        keys.forEach((id, key) -> {
            serverKeys.setKey(id, key);
            serverIdentities.add(id);
        });
    }

    /** Applies a site revision: only devices whose definition, profile or key changed are restarted. */
    public synchronized void update(Site newSite, Map<String, DeviceProfile> newProfiles) {
        site = newSite == null ? Site.EMPTY : newSite;
        profiles = newProfiles == null ? Map.of() : newProfiles;
        apply();
    }

    private void apply() {
        if (client == null) {
            return;
        }
        List<DeviceDefinition> read = new ArrayList<>();
        Set<String> push = new HashSet<>();
        for (DeviceDefinition d : site.devices()) {
            DeviceProfile p = profiles.get(d.profile());
            boolean coapBus = site.bus(d.bus()).map(BusDefinition::type).orElse(null) == BusType.COAP;
            if (p == null || p.protocol() != Protocol.COAP || !coapBus) {
                continue;
            }
            if (d.address() != null && !d.address().isBlank()) {
                read.add(d);
            } else {
                push.add(d.id());
                PushNode old = pushNodes.get(d.id());
                if (old == null || !old.points().equals(p.points())) {
                    DeviceStatus status = old != null ? old.status() : new DeviceStatus(d.id(), d.bus(), 1);
                    pushNodes.put(d.id(), new PushNode(d.id(), p.id(), p.points(), status));
                }
            }
        }
        pushNodes.keySet().retainAll(push);
        lastPushed.keySet().retainAll(push);
        if (pushNodes.isEmpty() && server != null) {
            server.close(); // no node left to push: stop listening
            server = null;
        } else if (serverRetryMs == 0) {
            startServer(); // a pending retry starts it otherwise
        }
        client.update(read, profiles);
    }

    public synchronized Set<String> deviceIds() {
        Set<String> ids = new HashSet<>(pushNodes.keySet());
        if (client != null) {
            ids.addAll(client.deviceIds());
        }
        return Set.copyOf(ids);
    }

    public CompletableFuture<WriteResult> write(String deviceId, String point, Object value) {
        if (pushNodes.containsKey(deviceId)) {
            return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false,
                    deviceId + " pushes its readings and cannot be written"));
        }
        ClientEngine c = engine();
        return c == null ? CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false,
                "CoAP driver not active")) : c.write(deviceId, point, value);
    }

    public CompletableFuture<List<Sample>> readNow(String deviceId) {
        if (pushNodes.containsKey(deviceId)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(deviceId
                    + " pushes its readings and cannot be read on demand"));
        }
        ClientEngine c = engine();
        return c == null ? CompletableFuture.failedFuture(new IllegalStateException("CoAP driver not active"))
                : c.readNow(deviceId);
    }

    public List<DeviceHealth> health() {
        List<DeviceHealth> out = new ArrayList<>();
        ClientEngine c = engine();
        if (c != null) {
            out.addAll(c.health());
        }
        pushNodes.values().forEach(n -> out.add(n.status().snapshot()));
        return out;
    }

    private synchronized ClientEngine engine() {
        return client;
    }

    /** The push server's bound ports and counters; null when disabled, while the site has no push node, or unbound. */
    public synchronized ReadingsServer server() {
        return server;
    }

    public ServerCounters serverCounters() {
        ReadingsServer s = server();
        return s == null ? null : s.counters();
    }

    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (dtlsClient != null) {
            dtlsClient.destroy();
            dtlsClient = null;
        }
        if (plainClient != null) {
            plainClient.destroy();
            plainClient = null;
        }
    }
}
