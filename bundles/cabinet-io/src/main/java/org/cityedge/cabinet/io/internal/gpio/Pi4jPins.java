package org.cityedge.cabinet.io.internal.gpio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/**
 * The cabinet's pins through one Pi4J context built with explicit providers (no auto-detection, no shutdown hook:
 * the component shuts the context down itself).
 */
public final class Pi4jPins implements CabinetPins {

    /** Pi4J ids of the I/Os, also how tests find the mock pins in {@link #context()}. */
    public static final String CONTACTOR = "contactor", FEEDBACK = "feedback", DOOR = "door", PHOTOCELL = "photocell",
            LED = "led";

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jPins.class);

    private final Context context;
    private final PinAssignment pins;
    private final DigitalOutput contactor;
    private final DigitalOutput led;
    private DigitalInput feedback;
    private DigitalInput door;
    private DigitalInput photocell;

    private Pi4jPins(Context context, PinAssignment pins) {
        this.context = context;
        this.pins = pins;
        contactor = output(CONTACTOR, pins.contactor(), level(pins.contactorAtStart(), pins.contactorActiveHigh()));
        led = output(LED, pins.led(), level(false, pins.ledActiveHigh()));
        openInputs(pins.contactorAtStart());
    }

    private void openInputs(boolean contactorClosed) {
        feedback = input(FEEDBACK, pins.feedback());
        door = input(DOOR, pins.door());
        photocell = input(PHOTOCELL, pins.photocell());
        // mock inputs start at their pull level; start them quiet instead: door closed, daylight, contactor as driven
        mockLevel(feedback, level(contactorClosed, pins.feedbackActiveHigh()));
        mockLevel(door, level(false, pins.doorActiveHigh()));
        mockLevel(photocell, level(false, pins.photocellActiveHigh()));
    }

    private static void mockLevel(DigitalInput input, DigitalState state) {
        if (input instanceof MockDigitalInput mock) {
            mock.mockState(state);
        }
    }

    /** A factory for one provider. */
    public static PinsFactory factory(GpioProvider provider) {
        return pins -> open(provider, pins);
    }

    /** Opens the pins with this provider; {@link GpioProvider#AUTO} tries gpiod, then linuxfs. */
    public static Pi4jPins open(GpioProvider provider, PinAssignment pins) throws GpioUnavailableException {
        if (provider != GpioProvider.AUTO) {
            return openWith(provider, pins);
        }
        try {
            return openWith(GpioProvider.GPIOD, pins);
        } catch (GpioUnavailableException gpiod) {
            try {
                return openWith(GpioProvider.LINUXFS, pins);
            } catch (GpioUnavailableException linuxfs) {
                throw new GpioUnavailableException(gpiod.getMessage() + "; " + linuxfs.getMessage(), gpiod);
            }
        }
    }

    private static Pi4jPins openWith(GpioProvider provider, PinAssignment pins) throws GpioUnavailableException {
        String name = provider.name().toLowerCase();
        checkDevicePresent(provider);
        Context context = null;
        try {
            context = Pi4J.newContextBuilder().noAutoDetect().noAutoInject().disableShutdownHook()
                    .add(inputProvider(provider), outputProvider(provider)).build();
            Pi4jPins opened = new Pi4jPins(context, pins);
            LOG.info("cabinet I/O: GPIO opened with the {} provider", name);
            return opened;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: the gpiod native library does not load (wrong architecture, missing libgpiod)
            shutdown(context);
            throw new GpioUnavailableException(name + ": " + describe(e), e);
        }
    }

    /** Fails early, with a reason a technician understands, on a machine without the kernel interface. */
    private static void checkDevicePresent(GpioProvider provider) throws GpioUnavailableException {
        if (provider == GpioProvider.GPIOD && !anyGpioChip()) {
            throw new GpioUnavailableException("gpiod: no /dev/gpiochip* on this machine (not a Raspberry Pi, or the "
                    + "GPIO device is not passed to the container)", null);
        }
        if (provider == GpioProvider.LINUXFS && !Files.exists(Path.of("/sys/class/gpio/export"))) {
            throw new GpioUnavailableException("linuxfs: no /sys/class/gpio/export on this machine", null);
        }
    }

    private static boolean anyGpioChip() {
        try (DirectoryStream<Path> chips = Files.newDirectoryStream(Path.of("/dev"), "gpiochip*")) {
            return chips.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static DigitalInputProvider inputProvider(GpioProvider provider) {
        return switch (provider) {
            case GPIOD -> GpioDDigitalInputProvider.newInstance();
            case LINUXFS -> LinuxFsDigitalInputProvider.newInstance();
            case MOCK -> MockDigitalInputProvider.newInstance();
            case AUTO -> throw new IllegalArgumentException("AUTO is resolved before");
        };
    }

    private static DigitalOutputProvider outputProvider(GpioProvider provider) {
        return switch (provider) {
            case GPIOD -> GpioDDigitalOutputProvider.newInstance();
            case LINUXFS -> LinuxFsDigitalOutputProvider.newInstance();
            case MOCK -> MockDigitalOutputProvider.newInstance();
            case AUTO -> throw new IllegalArgumentException("AUTO is resolved before");
        };
    }

    private DigitalOutput output(String id, int address, DigitalState initial) {
        if (address < 0) {
            return null;
        }
        return context.create(DigitalOutput.newConfigBuilder(context).id(id).name(id + " (BCM " + address + ")")
                .address(address).initial(initial).build());
    }

    private DigitalInput input(String id, int address) {
        if (address < 0) {
            return null;
        }
        PullResistance pull = switch (pins.pull()) {
            case "down" -> PullResistance.PULL_DOWN;
            case "off" -> PullResistance.OFF;
            default -> PullResistance.PULL_UP;
        };
        return context.create(DigitalInput.newConfigBuilder(context).id(id).name(id + " (BCM " + address + ")")
                .address(address).pull(pull).build());
    }

    private static DigitalState level(boolean logical, boolean activeHigh) {
        return logical == activeHigh ? DigitalState.HIGH : DigitalState.LOW;
    }

    private static Boolean logical(DigitalState state, boolean activeHigh, String id) {
        if (state == null || state == DigitalState.UNKNOWN) {
            throw new IllegalStateException(id + " reads an unknown level");
        }
        return state.isHigh() == activeHigh;
    }

    /** The Pi4J context, for tests that drive the mock pins. */
    public Context context() {
        return context;
    }

    @Override
    public Boolean contactor() {
        return contactor == null ? null : logical(contactor.state(), pins.contactorActiveHigh(), CONTACTOR);
    }

    @Override
    public void driveContactor(boolean closed) {
        if (contactor != null) {
            contactor.state(level(closed, pins.contactorActiveHigh()));
        }
    }

    @Override
    public Boolean feedback() {
        return feedback == null ? null : logical(feedback.state(), pins.feedbackActiveHigh(), FEEDBACK);
    }

    @Override
    public Boolean door() {
        return door == null ? null : logical(door.state(), pins.doorActiveHigh(), DOOR);
    }

    @Override
    public Boolean photocell() {
        return photocell == null ? null : logical(photocell.state(), pins.photocellActiveHigh(), PHOTOCELL);
    }

    @Override
    public void driveLed(boolean lit) {
        if (led != null) {
            led.state(level(lit, pins.ledActiveHigh()));
        }
    }

    @Override
    public void reopenInputs() {
        Boolean contactorClosed = contactor == null ? Boolean.FALSE : contactor();
        for (String id : new String[] {FEEDBACK, DOOR, PHOTOCELL}) {
            if (context.registry().exists(id)) {
                context.shutdown(id);
            }
        }
        feedback = door = photocell = null;
        openInputs(contactorClosed);
    }

    @Override
    public void close() {
        shutdown(context);
    }

    private static void shutdown(Context context) {
        if (context == null) {
            return;
        }
        try {
            context.shutdown();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cabinet I/O: Pi4J shutdown failed", e);
        }
    }

    /** The message of the deepest cause: Pi4J wraps the real reason several times. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
