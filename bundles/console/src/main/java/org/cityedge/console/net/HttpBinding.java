package org.cityedge.console.net;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points Felix HTTP (Jetty, PID {@value #FELIX_PID}) at the console's interface and port: the first IPv4 address of
 * the interface, never all interfaces, with a small Jetty (8 threads, 1 acceptor, 1 selector, no Server header).
 * The configuration is only rewritten when it changes, because Jetty restarts on every update. An interface that
 * does not exist or has no IPv4 address turns HTTP off, with one WARN until the configuration names another.
 * Property names are Felix http.jetty 5.2.2's {@code JettyConfig}.
 */
public final class HttpBinding {

    public static final String FELIX_PID = "org.apache.felix.http";
    static final String ENABLE = "org.apache.felix.http.enable";
    static final String HOST = "org.apache.felix.http.host";
    static final String PORT = "org.osgi.service.http.port";
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";
    static final String THREADS = "org.apache.felix.http.jetty.threadpool.max";
    static final String ACCEPTORS = "org.apache.felix.http.jetty.acceptors";
    static final String SELECTORS = "org.apache.felix.http.jetty.selectors";
    static final String SERVER_HEADER = "org.apache.felix.http.jetty.sendServerHeader";
    /** Where a disabled HTTP service would bind if it were enabled by mistake. */
    static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(HttpBinding.class);

    /** Where the console listens: address and port, or {@code enabled == false}. */
    public record Binding(boolean enabled, String host, int port) {
        @Override
        public String toString() {
            return enabled ? "http://" + host + ":" + port + "/" : "off";
        }
    }

    /** Nothing listens (Felix HTTP disabled, its host kept on loopback). */
    public static Binding off(int port) {
        return new Binding(false, LOOPBACK, port);
    }

    private final InterfaceAddresses addresses;
    private String warnedFor;

    public HttpBinding(InterfaceAddresses addresses) {
        this.addresses = addresses;
    }

    /** Where the console should listen for this configuration (off when disabled or the interface has no IPv4). */
    public synchronized Binding resolve(boolean enabled, String interfaceName, int port) {
        if (!enabled) {
            return off(port);
        }
        String name = interfaceName == null ? "" : interfaceName.strip();
        Optional<String> address = addresses.firstIpv4(name);
        if (address.isEmpty()) {
            if (!name.equals(warnedFor)) {
                warnedFor = name;
                LOG.warn("console: network interface '{}' does not exist or has no IPv4 address: the console does not"
                        + " listen (set 'interface' of PID org.cityedge.console)", name);
            }
            return off(port);
        }
        warnedFor = null;
        return new Binding(true, address.get(), port);
    }

    /** The Felix HTTP properties for a binding. */
    static Map<String, Object> properties(Binding b) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ENABLE, b.enabled());
        p.put(HOST, b.host());
        p.put(PORT, b.port());
        p.put(HTTPS_ENABLE, false);
        p.put(THREADS, 8);
        p.put(ACCEPTORS, 1);
        p.put(SELECTORS, 1);
        p.put(SERVER_HEADER, false);
        return p;
    }

    /**
     * Writes the binding into the Felix HTTP configuration when it differs from what is there (other keys of that
     * configuration are kept).
     *
     * @return true when the configuration was updated
     */
    public boolean apply(ConfigurationAdmin configAdmin, Binding binding) throws IOException {
        Configuration config = configAdmin.getConfiguration(FELIX_PID, "?");
        Dictionary<String, Object> current = config.getProperties();
        Map<String, Object> wanted = properties(binding);
        if (current != null && same(current, wanted)) {
            return false;
        }
        Dictionary<String, Object> updated = new Hashtable<>();
        if (current != null) {
            for (String key : java.util.Collections.list(current.keys())) {
                updated.put(key, current.get(key));
            }
        }
        wanted.forEach(updated::put);
        config.update(updated);
        LOG.info("console: HTTP {}", binding);
        return true;
    }

    private static boolean same(Dictionary<String, Object> current, Map<String, Object> wanted) {
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            Object have = current.get(e.getKey());
            if (have == null || !Objects.equals(String.valueOf(have), String.valueOf(e.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
