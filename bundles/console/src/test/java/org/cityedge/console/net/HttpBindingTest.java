package org.cityedge.console.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.console.net.HttpBinding.Binding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class HttpBindingTest {

    private final Map<String, String> interfaces = Map.of("lo", "127.0.0.1", "eth1", "192.168.50.1");
    private final HttpBinding binding = new HttpBinding(name -> Optional.ofNullable(interfaces.get(name)));
    private final ConfigurationAdmin configAdmin = mock(ConfigurationAdmin.class);
    private final Configuration felix = mock(Configuration.class);
    private final AtomicReference<Dictionary<String, Object>> stored = new AtomicReference<>();

    @BeforeEach
    void felixConfiguration() throws Exception {
        when(configAdmin.getConfiguration(HttpBinding.FELIX_PID, "?")).thenReturn(felix);
        when(felix.getProperties()).thenAnswer(inv -> stored.get());
        org.mockito.Mockito.doAnswer(inv -> {
            stored.set(inv.getArgument(0));
            return null;
        }).when(felix).update(any());
    }

    @Test
    void bindsToTheInterfacesFirstIpv4AddressNeverToAllInterfaces() throws Exception {
        Binding b = binding.resolve(true, "eth1", 8080);
        assertThat(b).isEqualTo(new Binding(true, "192.168.50.1", 8080));

        assertThat(binding.apply(configAdmin, b)).isTrue();

        Dictionary<String, Object> p = stored.get();
        assertThat(p.get("org.apache.felix.http.enable")).isEqualTo(true);
        assertThat(p.get("org.apache.felix.http.host")).isEqualTo("192.168.50.1");
        assertThat(p.get("org.osgi.service.http.port")).isEqualTo(8080);
        assertThat(p.get("org.apache.felix.https.enable")).isEqualTo(false);
        assertThat(p.get("org.apache.felix.http.jetty.threadpool.max")).isEqualTo(8);
        assertThat(p.get("org.apache.felix.http.jetty.acceptors")).isEqualTo(1);
        assertThat(p.get("org.apache.felix.http.jetty.selectors")).isEqualTo(1);
    }

    @Test
    void rewritesTheConfigurationOnlyWhenItChanges() throws Exception {
        Hashtable<String, Object> fromFile = new Hashtable<>();
        fromFile.put("org.apache.felix.http.requestlog.osgi.enable", "true"); // someone else's key survives
        stored.set(fromFile);

        assertThat(binding.apply(configAdmin, binding.resolve(true, "lo", 8080))).isTrue();
        assertThat(binding.apply(configAdmin, binding.resolve(true, "lo", 8080))).isFalse();
        // a .cfg file stores text: "8080" is the same port
        stored.get().put("org.osgi.service.http.port", "8080");
        assertThat(binding.apply(configAdmin, binding.resolve(true, "lo", 8080))).isFalse();
        assertThat(binding.apply(configAdmin, binding.resolve(true, "lo", 8443))).isTrue();

        verify(felix, times(2)).update(any());
        assertThat(stored.get().get("org.apache.felix.http.requestlog.osgi.enable")).isEqualTo("true");
    }

    @Test
    void anInterfaceWithoutIpv4TurnsHttpOffOnLoopback() throws Exception {
        Binding missing = binding.resolve(true, "eth9", 8080);
        assertThat(missing.enabled()).isFalse();
        assertThat(missing.host()).isEqualTo("127.0.0.1");
        assertThat(binding.resolve(true, "eth9", 8080)).isEqualTo(missing);

        binding.apply(configAdmin, missing);
        assertThat(stored.get().get("org.apache.felix.http.enable")).isEqualTo(false);
        assertThat(stored.get().get("org.apache.felix.http.host")).isEqualTo("127.0.0.1");
    }

    @Test
    void disabledMeansOff() throws Exception {
        assertThat(binding.resolve(false, "eth1", 8080).enabled()).isFalse();
        verify(felix, never()).update(any());
    }

    @Test
    void theSystemLookupFindsLoopback() {
        assertThat(InterfaceAddresses.SYSTEM.firstIpv4("lo")).contains("127.0.0.1");
        assertThat(InterfaceAddresses.SYSTEM.firstIpv4("no-such-nic0")).isEmpty();
    }
}
