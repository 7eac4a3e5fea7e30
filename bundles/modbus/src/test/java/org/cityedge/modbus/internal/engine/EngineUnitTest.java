package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityedge.modbus.internal.testing.Points.holding;
import static org.cityedge.modbus.internal.testing.Points.limits;
import static org.cityedge.modbus.internal.testing.Points.profile;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Quality;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;
import org.cityedge.modbus.internal.wire.LinkFactory;
import org.cityedge.modbus.internal.wire.ModbusLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Engine behaviour at the link seam (a mocked link, no wire). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineUnitTest {

    static final DeviceProfile METER = profile("meter", limits(32, 16, 500), holding("energy", 0, DataType.UINT16));
    static final EngineConfig CONFIG = EngineConfig.defaults().withPeriods(50, 50, 50).withWorkers(2, 0);

    static BusDefinition tcp(String id, int port) {
        return new BusDefinition(id, BusType.TCP, null, 0, null, 1, "127.0.0.1", port, 0, 1);
    }

    static Site site(List<BusDefinition> buses, DeviceDefinition... devices) {
        return new Site("s", "gw", null, "UTC", buses, List.of(devices));
    }

    static LinkFactory answering(AtomicInteger opens) throws Exception {
        ModbusLink link = mock(ModbusLink.class);
        when(link.isUsable()).thenReturn(true);
        when(link.readRegisters(anyInt(), any(), anyInt(), anyInt(), anyInt())).thenReturn(new int[] {5});
        return (bus, timeout) -> {
            opens.incrementAndGet();
            return link;
        };
    }

    static void awaitPolls(ModbusEngine engine, long polls) throws InterruptedException {
        for (int i = 0; i < 500 && engine.counters().polls() < polls; i++) {
            Thread.sleep(10);
        }
        assertThat(engine.counters().polls()).isGreaterThanOrEqualTo(polls);
    }

    @Test
    void aThrowingSinkIsCountedAndPollingGoesOn() throws Exception {
        SampleSink sink = mock(SampleSink.class);
        org.mockito.Mockito.doThrow(new IllegalStateException("full")).when(sink).accept(any());
        try (ModbusEngine engine = new ModbusEngine(site(List.of(tcp("b", 1)),
                new DeviceDefinition("m1", null, "b", 1, "meter", null, null)), Map.of("meter", METER), sink, CONFIG,
                answering(new AtomicInteger())).start()) {
            awaitPolls(engine, 5);
            assertThat(engine.counters().sinkFailures()).isGreaterThanOrEqualTo(4);
            assertThat(engine.health("m1").errors()).isEmpty();
        }
    }

    @Test
    void aSiteUpdateRebuildsOnlyTheBusesThatChanged() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        LinkFactory links = answering(opens);
        DeviceDefinition m1 = new DeviceDefinition("m1", null, "a", 1, "meter", null, null);
        DeviceDefinition m2 = new DeviceDefinition("m2", null, "b", 1, "meter", null, null);
        try (ModbusEngine engine = new ModbusEngine(site(List.of(tcp("a", 1), tcp("b", 2)), m1, m2),
                Map.of("meter", METER), samples -> { }, CONFIG, links).start()) {
            awaitPolls(engine, 4);
            assertThat(opens.get()).isEqualTo(2);
            long m1Polls = engine.health("m1").polls();

            DeviceDefinition m3 = new DeviceDefinition("m3", null, "b", 2, "meter", null, null);
            engine.update(site(List.of(tcp("a", 1), tcp("b", 2)), m1, m2, m3), Map.of("meter", METER));
            awaitPolls(engine, engine.counters().polls() + 6);

            // bus a kept its link and its device's counters; bus b was rebuilt with a new link
            assertThat(opens.get()).isEqualTo(3);
            assertThat(engine.health("m1").polls()).isGreaterThan(m1Polls);
            assertThat(engine.deviceIds()).containsExactlyInAnyOrder("m1", "m2", "m3");
        }
    }

    @Test
    void unknownDevicesAreRefusedWithoutThrowing() throws Exception {
        try (ModbusEngine engine = new ModbusEngine(Site.EMPTY, Map.of(), samples -> { }, CONFIG,
                answering(new AtomicInteger())).start()) {
            assertThat(engine.write("x", "p", 1).toCompletableFuture().join().error()).contains("no Modbus device x");
            assertThat(engine.readNow("x").toCompletableFuture()).failsWithin(1, TimeUnit.SECONDS)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("no Modbus device x");
        }
    }

    @Test
    void aFailedReadReportsTheLastGoodValueAsStale() throws Exception {
        ModbusLink link = mock(ModbusLink.class);
        when(link.isUsable()).thenReturn(true);
        when(link.readRegisters(anyInt(), any(), anyInt(), anyInt(), anyInt())).thenReturn(new int[] {5})
                .thenThrow(new LinkException(ErrorKind.TIMEOUT, "no reply"));
        org.cityedge.modbus.internal.testing.CollectingSink sink = new org.cityedge.modbus.internal.testing
                .CollectingSink();
        try (ModbusEngine engine = new ModbusEngine(site(List.of(tcp("b", 1)),
                new DeviceDefinition("m1", null, "b", 1, "meter", null, null)), Map.of("meter", METER), sink, CONFIG,
                (bus, timeout) -> link).start()) {
            var stale = sink.await("a stale sample", 5000, b -> b.get(0).quality() == Quality.STALE);
            assertThat(stale.get(0).value()).isEqualTo(5L);
            assertThat(stale.get(0).reason()).isEqualTo("timeout");
            verify(link, org.mockito.Mockito.atLeast(2)).readRegisters(eq(1), any(), eq(0), eq(1), eq(500));
        }
    }
}
