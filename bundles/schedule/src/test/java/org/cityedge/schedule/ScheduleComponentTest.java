package org.cityedge.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.schedule.document.Anchor;
import org.cityedge.schedule.document.BuiltinSchedule;
import org.cityedge.schedule.document.Documents;
import org.cityedge.schedule.document.Schedule;
import org.cityedge.schedule.document.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The DS component with its references bound by hand; the BundleContext is a Mockito stand-in (unit seam). */
class ScheduleComponentTest {

    private static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final long WAIT_MS = 20_000;

    @TempDir
    Path state;

    @Test
    void claimsTheLampsOfTheSiteFromStartAndInstallsThroughTheHandler() throws Exception {
        Clock clock = Clock.fixed(LocalDateTime.parse("2027-03-15T20:00").atZone(SAIGON).toInstant(),
                ZoneOffset.UTC);
        RecordingArbiter arbiter = new RecordingArbiter();
        ScheduleComponent component = new ScheduleComponent(clock);
        component.bindSiteService(new DemoSite(), Map.of(SiteService.REVISION, 1L));
        component.bindPointControl(arbiter);
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("cityedge.state")).thenReturn(state.toString());

        component.activate(context, config(Map.of("replanSeconds", 3600)));
        try {
            waitFor(() -> arbiter.claims.size() >= 4);
            assertThat(arbiter.claims).extracting(PointClaim::deviceId, PointClaim::point, PointClaim::value,
                    PointClaim::owner).containsExactlyInAnyOrder(
                            tuple("sl-001", "powerState", true, "builtin"),
                            tuple("sl-001", "dimLevel", 100.0, "builtin"),
                            tuple("sl-002", "dimLevel", 100.0, "builtin"),
                            tuple("cab-001", "contactorState", true, "builtin"));

            assertThat(component.type()).isEqualTo("schedule");
            assertThat(component.install(new VerifiedDocument("schedule", 3, Documents.sample(3)))).isEqualTo(3);
            assertThat(component.activeVersion()).isEqualTo(3);
            assertThat(Files.exists(state.resolve("schedule").resolve("schedule.json"))).isTrue();
            waitFor(() -> arbiter.claims.stream().anyMatch(c -> c.owner().equals("residential")));
            assertThat(component.plan(clock.millis(), 24)).extracting(s -> s.deviceId() + "." + s.point())
                    .contains("sl-001.dimLevel", "sl-002.dimLevel", "cab-001.contactorState")
                    .noneMatch(p -> p.startsWith("aq-001."));
        } finally {
            component.deactivate();
        }
        // The executor reports termination just before its worker thread has quite ended: wait for that (bounded).
        waitFor(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("cityedge-schedule")));
    }

    @Test
    void aStoppedComponentRefusesDocumentsAsBusyInsteadOfFailing() throws Exception {
        ScheduleComponent component = new ScheduleComponent(Clock.systemUTC());
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("cityedge.state")).thenReturn(state.toString());
        component.activate(context, config(Map.of("replanSeconds", 3600)));
        component.deactivate();

        DocumentRefusedException e = catchThrowableOfType(DocumentRefusedException.class,
                () -> component.install(new VerifiedDocument("schedule", 3, Documents.sample(3))));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("busy");
        assertThat(component.activeVersion()).isZero();
        assertThat(component.plan(System.currentTimeMillis(), 24)).isEmpty();
        assertThat(Files.exists(state.resolve("schedule").resolve("schedule.json"))).isFalse();
    }

    @Test
    void aConfigurationChangeReplacesTheBuiltinSchedule() throws Exception {
        Clock clock = Clock.fixed(LocalDateTime.parse("2027-03-15T20:00").atZone(SAIGON).toInstant(),
                ZoneOffset.UTC);
        RecordingArbiter arbiter = new RecordingArbiter();
        ScheduleComponent component = new ScheduleComponent(clock);
        component.bindSiteService(new DemoSite(), Map.of(SiteService.REVISION, 1L));
        component.bindPointControl(arbiter);
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("cityedge.state")).thenReturn(state.toString());
        component.activate(context, config(Map.of("replanSeconds", 3600)));
        try {
            waitFor(() -> !arbiter.claims.isEmpty());
            component.modified(config(Map.of("onLevel", 80, "replanSeconds", 3600)));
            waitFor(() -> arbiter.claims.stream().anyMatch(c -> Double.valueOf(80.0).equals(c.value())));
        } finally {
            component.deactivate();
        }
    }

    @Test
    void badConfigurationValuesFallBackToTheirDefaults() {
        Schedule s = ScheduleComponent.builtin(config(Map.of("reducedAt", "25:00", "onLevel", 0,
                "offOffsetMinutes", -30)));
        assertThat(s.program(BuiltinSchedule.PROGRAM).steps()).containsExactly(Step.at(Anchor.SUNSET, 0, 100),
                Step.at(Anchor.SUNRISE, -30, 0));
        Schedule none = ScheduleComponent.builtin(config(Map.of("reducedAt", "")));
        assertThat(none.program(BuiltinSchedule.PROGRAM).steps()).hasSize(2);
        Schedule standard = ScheduleComponent.builtin(config(Map.of()));
        assertThat(standard.program(BuiltinSchedule.PROGRAM).steps()).contains(Step.at(LocalTime.of(23, 0), 50));
    }

    /** A Metatype configuration: the given values, the declared defaults for the rest. */
    static ScheduleConfig config(Map<String, Object> values) {
        return (ScheduleConfig) Proxy.newProxyInstance(ScheduleConfig.class.getClassLoader(),
                new Class<?>[] {ScheduleConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return ScheduleConfig.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT_MS + " ms");
            }
            Thread.sleep(2);
        }
    }

    /** Records claims; arbitration is not what this test is about. */
    static final class RecordingArbiter implements PointControl {
        final List<PointClaim> claims = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<ClaimResult> claim(PointClaim claim) {
            claims.add(claim);
            return CompletableFuture.completedFuture(new ClaimResult(claim, claim, null));
        }

        @Override
        public void release(String deviceId, String point, ControlSource source, String owner) {
        }

        @Override
        public void releaseAll(ControlSource source, String owner) {
        }

        @Override
        public Optional<PointClaim> effective(String deviceId, String point) {
            return Optional.empty();
        }

        @Override
        public List<PointClaim> claims(String deviceId) {
            return List.of();
        }
    }

    /**
     * A lamp with relay and dimming, a dim-only lamp, a cabinet (writable contactor) and a sensor;
     * profiles as the site service gives them.
     */
    static final class DemoSite implements SiteService {

        @Override
        public Site site() {
            GeoPoint dx = new GeoPoint(11.5349, 106.8832);
            return new Site("dong-xoai", "dx-cab-001", dx, "Asia/Ho_Chi_Minh", List.of(), List.of(
                    new DeviceDefinition("sl-001", null, "rs485-1", 1, "slc", dx, "circuit-a"),
                    new DeviceDefinition("sl-002", null, "rs485-1", 2, "dimmer", dx, null),
                    new DeviceDefinition("cab-001", null, "rs485-1", 10, "cabinet", dx, "circuit-a"),
                    new DeviceDefinition("aq-001", null, "env-tcp", 1, "aqm", dx, "environment")));
        }

        @Override
        public Map<String, DeviceProfile> profiles() {
            return Map.of("slc", profile("slc", DeviceKind.STREETLIGHT_CONTROLLER,
                    point("dimLevel", RegisterTable.HOLDING, DataType.UINT16, Access.READ_WRITE),
                    point("powerState", RegisterTable.COIL, DataType.BOOL, Access.READ_WRITE)),
                    "dimmer", profile("dimmer", DeviceKind.STREETLIGHT_CONTROLLER,
                            point("dimLevel", RegisterTable.HOLDING, DataType.UINT16, Access.READ_WRITE),
                            point("powerState", RegisterTable.DISCRETE_INPUT, DataType.BOOL, Access.READ)),
                    "cabinet", profile("cabinet", DeviceKind.CABINET_CONTROLLER,
                            point("contactorState", RegisterTable.COIL, DataType.BOOL, Access.READ_WRITE)),
                    "aqm", profile("aqm", DeviceKind.AIR_QUALITY,
                            point("pm25", RegisterTable.INPUT, DataType.UINT16, Access.READ)));
        }

        @Override
        public List<ConfigProblem> problems() {
            return List.of();
        }

        private static DeviceProfile profile(String id, DeviceKind kind, PointDefinition... points) {
            return new DeviceProfile(id, "v", "m", kind, null, null, new ArrayList<>(List.of(points)), null, null,
                    id + ".yaml");
        }

        private static PointDefinition point(String name, RegisterTable table, DataType type, Access access) {
            return new PointDefinition(name, table, 0, type, null, null, 1, 0, "", access, null, null, null, null,
                    null);
        }
    }
}
