package org.cityedge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import jakarta.servlet.Servlet;

/** The component's wiring at its OSGi seams: whiteboard registrations, Felix HTTP configuration, the CLI token. */
class ConsoleComponentTest {

    @TempDir
    Path state;
    private final BundleContext context = mock(BundleContext.class);
    private final ConfigurationAdmin configAdmin = mock(ConfigurationAdmin.class);
    private final Configuration felix = mock(Configuration.class);
    private final AtomicReference<Dictionary<String, Object>> felixProperties = new AtomicReference<>();
    private final List<Dictionary<String, ?>> registered = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private ConsoleComponent component;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void osgi() throws Exception {
        when(context.getProperty("cityedge.state")).thenReturn(state.toString());
        when(context.registerService(eq(Servlet.class), any(Servlet.class), any())).thenAnswer(inv -> {
            registered.add(inv.getArgument(2));
            ServiceRegistration<Servlet> r = mock(ServiceRegistration.class);
            registrations.add(r);
            return r;
        });
        when(configAdmin.getConfiguration("org.apache.felix.http", "?")).thenReturn(felix);
        when(felix.getProperties()).thenAnswer(inv -> felixProperties.get());
        doAnswer(inv -> {
            felixProperties.set(inv.getArgument(0));
            return null;
        }).when(felix).update(any());
        component = new ConsoleComponent(name -> Optional.ofNullable(Map.of("lo", "127.0.0.1", "eth1",
                "192.168.50.1").get(name)));
        java.lang.reflect.Field f = ConsoleComponent.class.getDeclaredField("configAdmin");
        f.setAccessible(true);
        f.set(component, configAdmin);
    }

    static ConsoleConfig config(Map<String, Object> values) {
        return (ConsoleConfig) Proxy.newProxyInstance(ConsoleConfig.class.getClassLoader(),
                new Class<?>[] {ConsoleConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void activationServesTheApiAndPagesOnLoopbackAndWritesTheCliToken() throws Exception {
        component.activate(context, config(Map.of("listen", "always")));

        assertThat(registered).extracting(p -> (Object) p.get("osgi.http.whiteboard.servlet.pattern"))
                .containsExactly("/api/*", "/");
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).isEqualTo(true);
        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("127.0.0.1");
        assertThat(felixProperties.get().get("org.osgi.service.http.port")).isEqualTo(8080);
        Path token = state.resolve("console/cli-token");
        assertThat(token).exists();

        component.deactivate();
        assertThat(token).as("a stale token does not outlive the process").doesNotExist();
        for (ServiceRegistration<?> r : registrations) {
            verify(r).unregister();
        }
    }

    @Test
    void aNewInterfaceMovesTheListenerAnUnchangedOneLeavesJettyAlone() throws Exception {
        component.activate(context, config(Map.of("listen", "always")));
        Map<String, Object> lan = new HashMap<>();
        lan.put("listen", "always");
        lan.put("interface$", "eth1");
        lan.put("port", 8443);

        component.modified(config(lan));
        component.modified(config(lan));

        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("192.168.50.1");
        assertThat(felixProperties.get().get("org.osgi.service.http.port")).isEqualTo(8443);
        verify(felix, times(2)).update(any());
        assertThat(registered).as("the servlets stay registered").hasSize(2);
    }

    @Test
    void onDemandNothingListensUntilTheCliTouchesTheWakeFile() throws Exception {
        component.activate(context, config(Map.of()));
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("asleep by default").isEqualTo(false);

        Path wake = state.resolve("console/wake");
        Files.writeString(wake, "");
        Files.setLastModifiedTime(wake, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        component.checkDemand();

        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).isEqualTo(true);
        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("127.0.0.1");
        component.deactivate();
    }

    @Test
    void onDemandTheCabinetDoorOpeningWakesTheConsole() throws Exception {
        component.activate(context, config(Map.of("interface$", "eth1")));
        component.accept(List.of(new Sample("cab-1", "doorOpen", false, null, 1L, Quality.GOOD, null)));
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("door closed").isEqualTo(false);

        component.accept(List.of(new Sample("cab-1", "doorOpen", true, null, 2L, Quality.GOOD, null)));

        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).isEqualTo(true);
        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("192.168.50.1");
        component.deactivate();
    }

    @Test
    void disabledOrWithoutAddressNothingListens() throws Exception {
        component.activate(context, config(Map.of("interface$", "eth7")));
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).isEqualTo(false);
        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("127.0.0.1");

        component.modified(config(Map.of("enabled", false)));
        for (ServiceRegistration<?> r : registrations) {
            verify(r).unregister();
        }
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).isEqualTo(false);
    }

    @Test
    void deactivationStopsJetty() throws Exception {
        component.activate(context, config(Map.of("interface$", "eth1")));
        component.accept(List.of(new Sample("cab-1", "doorOpen", true, null, 1L, Quality.GOOD, null)));
        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("woken").isEqualTo(true);

        component.deactivate();

        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("told to stop").isEqualTo(false);
        assertThat(felixProperties.get().get("org.apache.felix.http.host")).isEqualTo("127.0.0.1");
    }

    @Test
    void afterDeactivationNeitherADoorSampleNorAWakeUpBindsAgain() throws Exception {
        component.activate(context, config(Map.of("interface$", "eth1")));
        component.deactivate();

        component.accept(List.of(new Sample("cab-1", "doorOpen", true, null, 2L, Quality.GOOD, null)));
        Path wake = state.resolve("console/wake");
        Files.writeString(wake, "");
        Files.setLastModifiedTime(wake, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        component.checkDemand();

        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("a late door sample or wake-up")
                .isEqualTo(false);
    }

    @Test
    void theUrlFileSaysWhereTheConsoleListensOrWillWhileItIsConfigured() throws Exception {
        Path url = state.resolve("console/url");
        component.activate(context, config(Map.of()));
        assertThat(Files.readString(url)).as("asleep on loopback").isEqualTo("http://127.0.0.1:8080\n");

        Map<String, Object> lan = new HashMap<>();
        lan.put("interface$", "eth1");
        lan.put("port", 8443);
        component.modified(config(lan));

        assertThat(felixProperties.get().get("org.apache.felix.http.enable")).as("still asleep").isEqualTo(false);
        assertThat(Files.readString(url)).isEqualTo("http://192.168.50.1:8443\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(url))).isEqualTo("rw-r--r--");

        component.modified(config(Map.of("interface$", "eth7")));
        assertThat(url).as("an interface without an address: nowhere").doesNotExist();
        component.modified(config(Map.of("listen", "always")));
        assertThat(Files.readString(url)).isEqualTo("http://127.0.0.1:8080\n");
        component.modified(config(Map.of("enabled", false)));
        assertThat(url).as("disabled").doesNotExist();
        component.modified(config(Map.of()));
        assertThat(url).exists();

        component.deactivate();
        assertThat(url).as("stopped").doesNotExist();
    }

    @Test
    void withoutAStateDirectoryTheTokenGoesToAPrivateTemporaryOne() throws Exception {
        when(context.getProperty("cityedge.state")).thenReturn(null);

        Path dir = ConsoleComponent.stateDir(context);

        assertThat(dir).isDirectory();
        assertThat(dir.getFileName().toString()).startsWith("cityedge-state-");
        Files.delete(dir);
    }
}
