package org.cityedge.simulator.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.CoapBinding;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.simulator.SimulatedDevice;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * A CoAP device the gateway reads: one Californium server on its own port with a resource a binding path (a SenML
 * pack or one text value) and a text resource a SenML record name, so tools can read and write single values.
 */
public final class ServedDevice implements AutoCloseable {

    /** Kept to unregister it: a method reference is a new object each time. */
    private final Runnable onChange = this::modelChanged;
    private final SimulatedDevice device;
    private final CoapStack stack;
    private final InetSocketAddress bind;
    private final String identity;
    private final byte[] key;
    private final Duration observeInterval;
    private final List<PointResource> resources = new ArrayList<>();
    private CoapServer server;
    private CoapEndpoint endpoint;

    /**
     * @param key PSK for DTLS (the identity is the device id), or null for plain CoAP
     */
    public ServedDevice(SimulatedDevice device, CoapStack stack, InetSocketAddress bind, byte[] key,
            Duration observeInterval) {
        this.device = device;
        this.stack = stack;
        this.bind = bind;
        this.identity = device.id();
        this.key = key == null ? null : key.clone();
        this.observeInterval = observeInterval;
    }

    /**
     * Binds and serves.
     *
     * @return the URI it is served on
     * @throws IOException when the port cannot be bound; nothing is left running
     */
    public URI start() throws IOException {
        server = new CoapServer(stack.config());
        server.setExecutors(stack.main(), stack.secondary(), true);
        endpoint = key != null ? stack.dtlsServer(bind, identity, key) : stack.plain(bind);
        server.addEndpoint(endpoint);
        buildTree();
        try {
            endpoint.start();
        } catch (IOException e) {
            close();
            throw new IOException("device " + device.id() + ": cannot bind " + bind + ": " + e.getMessage(), e);
        }
        server.start();
        device.model().onChange(onChange);
        return uri();
    }

    /** {@code coap://127.0.0.1:PORT} or {@code coaps://...} with the bound port. */
    public URI uri() {
        InetSocketAddress a = endpoint.getAddress();
        return URI.create((key != null ? "coaps" : "coap") + "://" + a.getAddress().getHostAddress() + ":"
                + a.getPort());
    }

    public boolean secure() {
        return key != null;
    }

    /** Resource paths served, for people and tests. */
    public List<String> paths() {
        return resources.stream().map(PointResource::path).toList();
    }

    private void buildTree() {
        Map<String, List<PointDefinition>> packs = new LinkedHashMap<>();
        Map<String, CoapFormat> packFormats = new LinkedHashMap<>();
        Map<String, PointDefinition> singles = new LinkedHashMap<>();
        for (PointDefinition p : device.profile().points()) {
            CoapBinding b = p.coap();
            if (b == null) {
                continue;
            }
            if (b.format() == CoapFormat.TEXT) {
                singles.putIfAbsent(normal(b.path()), p);
            } else {
                packs.computeIfAbsent(normal(b.path()), k -> new ArrayList<>()).add(p);
                packFormats.putIfAbsent(normal(b.path()), b.format());
                if (b.name() != null && b.name().startsWith("/")) {
                    singles.putIfAbsent(normal(b.name()), p);
                }
            }
        }
        List<String> paths = new ArrayList<>(packs.keySet());
        singles.keySet().stream().filter(s -> !packs.containsKey(s)).forEach(paths::add);
        for (String path : paths) {
            PointResource r = node(path);
            r.serve(packs.getOrDefault(path, List.of()), packFormats.get(path), singles.get(path));
            resources.add(r);
        }
    }

    /** The resource at {@code path}, creating empty parents on the way. */
    private PointResource node(String path) {
        Resource parent = server.getRoot();
        StringBuilder at = new StringBuilder();
        PointResource node = null;
        for (String segment : path.substring(1).split("/")) {
            at.append('/').append(segment);
            Resource child = parent.getChild(segment);
            if (child == null) {
                child = new PointResource(segment, at.toString(), device, stack, observeInterval);
                parent.add(child);
            }
            node = (PointResource) child;
            parent = child;
        }
        return node;
    }

    private static String normal(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private void modelChanged() {
        for (PointResource r : resources) {
            r.notifyIfChanged();
        }
    }

    /** Stops serving and frees the port. Idempotent. */
    @Override
    public void close() {
        device.model().removeOnChange(onChange);
        if (server != null) {
            server.destroy();   // detached executors stay with the stack
            server = null;
        }
        resources.forEach(r -> r.serve(List.of(), null, null));
    }
}
