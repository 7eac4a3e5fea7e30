package org.cityedge.cabinet.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.UplinkMonitor;
import org.cityedge.api.uplink.UplinkStatus;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The component outside OSGi: its lifecycle methods called as SCR would, with the real engine behind. */
class CabinetIoComponentTest {

    private final CabinetIoComponent component = new CabinetIoComponent();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        component.deactivate();
    }

    /** The Metatype defaults, with overrides by attribute name. */
    static CabinetIoConfig config(Map<String, Object> overrides) {
        return (CabinetIoConfig) Proxy.newProxyInstance(CabinetIoConfig.class.getClassLoader(),
                new Class<?>[] {CabinetIoConfig.class},
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }

    private static SiteService site() {
        PointDefinition contactor = new PointDefinition("contactorState", null, 0, DataType.BOOL, null, null, 1, 0,
                "", Access.READ_WRITE, null, null, PollClass.FAST, null, null, null);
        DeviceProfile profile = new DeviceProfile("cityedge-cabinet-io", "cityedge", "Cabinet I/O",
                DeviceKind.CABINET_CONTROLLER, null, null, List.of(contactor), List.of(), null, "test", Protocol.GPIO);
        Site site = new Site("test", "gw-1", null, "UTC",
                List.of(new BusDefinition("gpio", BusType.GPIO, null, 0, null, 0, null, 0, 0, 1)),
                List.of(new DeviceDefinition("cab-1", "Cabinet", "gpio", 0, profile.id(), null, null)));
        SiteService service = mock(SiteService.class);
        when(service.site()).thenReturn(site);
        when(service.profiles()).thenReturn(Map.of(profile.id(), profile));
        return service;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }

    @Test
    void activatesWithoutGpioAndReportsTheDeviceOffline() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(new java.io.File("/dev/gpiochip0").exists());
        component.addSink(samples::addAll);
        component.activate(config(Map.of()), null);
        component.bindSiteService(site(), Map.of(SiteService.REVISION, 1L));
        waitFor(() -> !component.health().isEmpty() && component.health().get(0).state() == DeviceState.OFFLINE);
        assertThat(component.health().get(0).errors()).containsKey("gpioUnavailable");
        assertThat(component.deviceIds()).containsExactly("cab-1");
        waitFor(() -> !samples.isEmpty());
        assertThat(samples.get(0).reason()).isEqualTo("gpioUnavailable");
    }

    @Test
    void aBadProviderNameKeepsTheDeviceOfflineWithTheReason() throws Exception {
        component.activate(config(Map.of("provider", "raspberry")), null);
        component.bindSiteService(site(), Map.of(SiteService.REVISION, 1L));
        waitFor(() -> !component.health().isEmpty() && component.health().get(0).state() == DeviceState.OFFLINE);
        assertThat(component.write("cab-1", "contactorState", true).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .error()).contains("unknown GPIO provider 'raspberry'");
    }

    @Test
    void mockProviderServesTheDeviceAndTheLedSeesEveryDriverButItself() throws Exception {
        component.activate(config(Map.of("provider", "mock")), null);
        component.addDriver(component); // SCR offers the component its own service: ignored
        assertThat(component.ledPattern()).as("no site").isEqualTo(LedPattern.FAST_BLINK);

        component.bindSiteService(site(), Map.of(SiteService.REVISION, 1L));
        waitFor(() -> !component.health().isEmpty() && component.health().get(0).state() == DeviceState.ONLINE);
        assertThat(component.ledPattern()).as("no uplink").isEqualTo(LedPattern.SLOW_BLINK);

        UplinkMonitor uplink = mock(UplinkMonitor.class);
        when(uplink.status()).thenReturn(new UplinkStatus(LinkState.CONNECTED, "tcp://b", "gw-1", null, false, 1, 1,
                0, 0));
        component.bindUplink(uplink);
        assertThat(component.ledPattern()).isEqualTo(LedPattern.STEADY);

        FieldDevices modbus = mock(FieldDevices.class);
        when(modbus.health()).thenReturn(List.of(new DeviceHealth("lamp-1", "rs485", DeviceState.OFFLINE, 0, 0, 3,
                Map.of("timeout", 3L))));
        component.addDriver(modbus);
        assertThat(component.ledPattern()).isEqualTo(LedPattern.DOUBLE_FLASH);

        assertThat(component.write("cab-1", "contactorState", true).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .ok()).isTrue();
    }

    private Object contactorRead() throws Exception {
        return component.readNow("cab-1").toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
                .filter(x -> x.point().equals("contactorState")).findFirst().orElseThrow().value();
    }

    @Test
    void aConfigurationChangeAtNightKeepsTheLightsOn() throws Exception {
        Map<String, Object> mock = Map.of("provider", "mock");
        component.activate(config(mock), null);
        component.bindSiteService(site(), Map.of(SiteService.REVISION, 1L));
        waitFor(() -> !component.health().isEmpty() && component.health().get(0).state() == DeviceState.ONLINE);
        assertThat(contactorRead()).as("cold start: contactorOnAtStart = false").isEqualTo(false);
        assertThat(component.write("cab-1", "contactorState", true).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .ok()).isTrue();

        // 23:00, the technician adds a maintenance window: the pins are reopened, the circuit stays on
        component.modified(config(Map.of("provider", "mock", "maintenanceWindows", new String[] {"23:00-05:00"})));
        waitFor(() -> !component.health().isEmpty() && component.health().get(0).state() == DeviceState.ONLINE);
        assertThat(contactorRead()).isEqualTo(true);
    }
}
