package org.cityedge.coap.internal.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.coap.internal.DriverConfig;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices the gateway reads, reconciled against each site revision: a device whose definition and profile did
 * not change keeps running (and its Observe relations) untouched.
 */
public final class ClientEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ClientEngine.class);

    private final DriverConfig config;
    private final ScheduledExecutorService scheduler;
    private final Consumer<List<Sample>> publisher;
    private final SenmlCodec senml;
    private final Endpoint plain;
    private final Endpoint dtls;
    private final AdvancedMultiPskStore peers;
    private final Function<String, byte[]> keys;
    private final Map<String, DeviceClient> devices = new HashMap<>();
    private final Map<String, byte[]> keysInUse = new HashMap<>();

    /**
     * @param plain endpoint for coap:// (null when plain is not allowed)
     * @param dtls  endpoint for coaps://, whose PSK store is {@code peers}
     * @param keys  device id → its pre-shared key, or null
     */
    public ClientEngine(DriverConfig config, ScheduledExecutorService scheduler, Consumer<List<Sample>> publisher,
            SenmlCodec senml, Endpoint plain, Endpoint dtls, AdvancedMultiPskStore peers,
            Function<String, byte[]> keys) {
        this.config = config;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.senml = senml;
        this.plain = plain;
        this.dtls = dtls;
        this.peers = peers;
        this.keys = keys;
    }

    /** Applies the devices to read (with an address); starts, restarts and stops only what changed. */
    public synchronized void update(List<DeviceDefinition> wanted, Map<String, DeviceProfile> profiles) {
        Map<String, DeviceDefinition> byId = new HashMap<>();
        wanted.forEach(d -> byId.put(d.id(), d));
        for (String id : new ArrayList<>(devices.keySet())) {
            DeviceDefinition d = byId.get(id);
            DeviceClient running = devices.get(id);
            boolean keyChanged = d != null && !Arrays.equals(keysInUse.get(id), keys.apply(id));
            if (d == null || !running.sameSetup(d, profiles.get(d.profile())) || keyChanged) {
                running.stop();
                devices.remove(id);
                keysInUse.remove(id);
                LOG.info("CoAP: stopped reading {}", id);
            }
        }
        for (DeviceDefinition d : wanted) {
            if (!devices.containsKey(d.id())) {
                DeviceClient c = create(d, profiles.get(d.profile()));
                devices.put(d.id(), c);
                c.start();
                LOG.info("CoAP: reading {} at {}", d.id(), d.address());
            }
        }
    }

    private DeviceClient create(DeviceDefinition d, DeviceProfile profile) {
        Endpoint endpoint = null;
        String refusal = null;
        Consumer<InetSocketAddress> peerKey = null;
        keysInUse.put(d.id(), keys.apply(d.id())); // whatever the scheme: a key change restarts the device once
        try {
            URI uri = URI.create(d.address());
            if (uri.getHost() == null) {
                refusal = "badAddress";
            } else if ("coap".equalsIgnoreCase(uri.getScheme())) {
                endpoint = plain;
                refusal = plain == null ? "plainRefused" : null;
            } else if ("coaps".equalsIgnoreCase(uri.getScheme())) {
                byte[] key = keysInUse.get(d.id());
                if (key == null) {
                    refusal = "noKey";
                } else {
                    // the PSK identity towards a device is its id; registered per resolved address by the device
                    // client on its own thread, so no DNS lookup happens here under the engine's (and driver's) lock
                    peerKey = address -> peers.addKnownPeer(address, d.id(), key);
                    endpoint = dtls;
                }
            } else {
                refusal = "badAddress";
            }
        } catch (IllegalArgumentException e) {
            refusal = "badAddress";
        }
        return new DeviceClient(d, profile, endpoint, refusal, peerKey, config, scheduler, publisher, senml);
    }

    public synchronized Set<String> deviceIds() {
        return Set.copyOf(devices.keySet());
    }

    private synchronized DeviceClient device(String id) {
        return devices.get(id);
    }

    public boolean serves(String id) {
        return device(id) != null;
    }

    public CompletableFuture<WriteResult> write(String id, String point, Object value) {
        DeviceClient c = device(id);
        return c == null ? CompletableFuture.completedFuture(new WriteResult(id, point, value, null, false,
                "no CoAP device " + id)) : c.write(point, value);
    }

    public CompletableFuture<List<Sample>> readNow(String id) {
        DeviceClient c = device(id);
        return c == null ? CompletableFuture.failedFuture(new IllegalArgumentException("no CoAP device " + id))
                : c.readNow();
    }

    public synchronized List<DeviceHealth> health() {
        return devices.values().stream().map(DeviceClient::health).toList();
    }

    public synchronized void close() {
        devices.values().forEach(DeviceClient::stop);
        devices.clear();
    }
}
