package org.cityedge.cabinet.io.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.cabinet.io.internal.gpio.GpioProvider;
import org.cityedge.cabinet.io.internal.gpio.Pi4jPins;
import org.cityedge.cabinet.io.internal.gpio.PinAssignment;
import org.cityedge.cabinet.io.internal.gpio.PinsFactory;
import org.cityedge.cabinet.io.internal.led.LedPattern;
import org.mockito.Mockito;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

/**
 * An engine on Pi4J's mock platform with a hand-stepped clock, a collecting sink and an outbox that records what is
 * offered (tests unbind it by setting {@link #boundOutbox} to null). Scans run only when a test calls {@link #scanAt}.
 */
final class Rig implements AutoCloseable {

    static final String DEVICE = "cab-1";
    static final PinAssignment DEFAULT_PINS = pins(true, -1, true);

    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final List<Sample> samples = new CopyOnWriteArrayList<>();
    final List<OutboundMessage> events = new CopyOnWriteArrayList<>();
    final AtomicReference<Pi4jPins> opened = new AtomicReference<>();
    final Outbox outbox = Mockito.mock(Outbox.class);
    final AtomicReference<Outbox> boundOutbox = new AtomicReference<>(outbox);
    final AtomicInteger opens = new AtomicInteger();
    final CabinetEngine engine;

    Rig(PinAssignment pins, long debounceMs, String[] windows, PinsFactory factory, Supplier<LedPattern> led) {
        this(pins, debounceMs, windows, factory, led, EngineMemory.NONE);
    }

    Rig(PinAssignment pins, long debounceMs, String[] windows, PinsFactory factory, Supplier<LedPattern> led,
            EngineMemory memory) {
        Mockito.when(outbox.offer(Mockito.any())).thenAnswer(a -> events.add(a.getArgument(0)));
        PinsFactory mock = factory != null ? factory : assignment -> {
            Pi4jPins p = Pi4jPins.open(GpioProvider.MOCK, assignment);
            opened.set(p);
            opens.incrementAndGet();
            return p;
        };
        EngineSettings settings = new EngineSettings(pins, MaintenanceWindows.parse(windows), 20, debounceMs,
                3_600_000, 20, 100, 400);
        engine = new CabinetEngine(settings, mock, samples::addAll, boundOutbox::get, led, clock::get, memory);
        engine.update(site(DEVICE), Map.of(PROFILE.id(), PROFILE));
        engine.awaitQueued();
    }

    Rig(PinAssignment pins) {
        this(pins, 0, new String[0], null, () -> LedPattern.STEADY);
    }

    static PinAssignment pins(boolean contactorActiveHigh, int feedback, boolean feedbackActiveHigh) {
        return new PinAssignment(17, contactorActiveHigh, feedback, feedbackActiveHigh, 27, true, 22, true, 23, true,
                "up", false);
    }

    /** A rig whose pins fail on demand (see {@link FailingPins}). */
    static Rig failing(PinAssignment pins, FailingPins.Faults faults) {
        Rig[] self = new Rig[1];
        PinsFactory factory = assignment -> {
            Pi4jPins p = Pi4jPins.open(GpioProvider.MOCK, assignment);
            self[0].opened.set(p);
            self[0].opens.incrementAndGet();
            return new FailingPins(p, faults);
        };
        return self[0] = new Rig(pins, 0, new String[0], factory, () -> LedPattern.STEADY);
    }

    static final DeviceProfile PROFILE = new DeviceProfile("cityedge-cabinet-io", "cityedge", "Cabinet I/O",
            DeviceKind.CABINET_CONTROLLER, "StreetlightControlCabinet", null,
            List.of(point("contactorState", Access.READ_WRITE), point("doorOpen", Access.READ),
                    point("photocellDark", Access.READ)),
            List.of(), null, "cityedge-cabinet-io.yaml", Protocol.GPIO);

    private static PointDefinition point(String name, Access access) {
        return new PointDefinition(name, null, 0, DataType.BOOL, null, null, 1, 0, "", access, null, null,
                PollClass.FAST, null, null, null);
    }

    static Site site(String... deviceIds) {
        List<DeviceDefinition> devices = new ArrayList<>();
        for (String id : deviceIds) {
            devices.add(new DeviceDefinition(id, id, "gpio", 0, PROFILE.id(), null, null));
        }
        return new Site("test", "gw-1", null, "Asia/Ho_Chi_Minh",
                List.of(new BusDefinition("gpio", BusType.GPIO, null, 0, null, 0, null, 0, 0, 1)), devices);
    }

    void scanAt(long offsetMs) {
        clock.set(1_700_000_000_000L + offsetMs);
        engine.scanNow();
    }

    MockDigitalInput input(String id) {
        return opened.get().context().registry().get(id, MockDigitalInput.class);
    }

    void set(String id, boolean high) {
        input(id).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    DigitalState output(String id) {
        return opened.get().context().registry().get(id, DigitalOutput.class).state();
    }

    List<Sample> samplesOf(String point) {
        return samples.stream().filter(s -> s.point().equals(point)).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
