package org.cityedge.cabinet.io.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = CabinetIoComponent.PID, name = "cityedge cabinet I/O",
        description = "The cabinet's own wiring on the gateway's GPIO pins (BCM numbers): contactor relay, door "
                + "switch, photocell, status LED")
@interface CabinetIoConfig {

    @AttributeDefinition(description = "Pi4J provider: auto (gpiod, then linuxfs), gpiod (/dev/gpiochip*, current "
            + "kernels), linuxfs (/sys/class/gpio, old kernels), mock (no hardware: demo and tests)",
            options = { @Option(value = "auto"), @Option(value = "gpiod"), @Option(value = "linuxfs"),
                @Option(value = "mock") })
    String provider() default "auto";

    @AttributeDefinition(description = "BCM pin of the contactor relay output, -1 = not wired", min = "-1", max = "63")
    int contactorPin() default 17;

    @AttributeDefinition(description = "Contactor relay: HIGH closes the contactor (false: LOW closes it)")
    boolean contactorActiveHigh() default true;

    @AttributeDefinition(description = "Contactor state set when the component starts (cold start only: a "
            + "configuration change or a GPIO recovery keeps the last commanded state)")
    boolean contactorOnAtStart() default false;

    @AttributeDefinition(description = "BCM pin of the contactor's auxiliary contact, which writes are verified "
            + "against; -1 = none (the output itself is read back)", min = "-1", max = "63")
    int feedbackPin() default -1;

    @AttributeDefinition(description = "Auxiliary contact: HIGH means the contactor is closed")
    boolean feedbackActiveHigh() default true;

    @AttributeDefinition(description = "Time the contactor gets to follow a write before its auxiliary contact is "
            + "checked, in ms", min = "0")
    long feedbackSettleMs() default 300;

    @AttributeDefinition(description = "BCM pin of the door switch, -1 = not wired", min = "-1", max = "63")
    int doorPin() default 27;

    @AttributeDefinition(description = "Door switch: HIGH means the door is open")
    boolean doorActiveHigh() default true;

    @AttributeDefinition(description = "BCM pin of the digital photocell, -1 = not wired", min = "-1", max = "63")
    int photocellPin() default 22;

    @AttributeDefinition(description = "Photocell: HIGH means dark")
    boolean photocellActiveHigh() default true;

    @AttributeDefinition(description = "BCM pin of the status LED, -1 = none", min = "-1", max = "63")
    int ledPin() default 23;

    @AttributeDefinition(description = "Status LED: HIGH lights it")
    boolean ledActiveHigh() default true;

    @AttributeDefinition(description = "Pull resistor of the inputs",
            options = { @Option(value = "up"), @Option(value = "down"), @Option(value = "off") })
    String inputPull() default "up";

    @AttributeDefinition(description = "An input level must hold this long before it counts, in ms", min = "0")
    long debounceMs() default 50;

    @AttributeDefinition(description = "How often the inputs are read, in ms", min = "5")
    long scanPeriodMs() default 20;

    @AttributeDefinition(description = "Every point is published at least this often, in ms (changes at once)",
            min = "100")
    long samplePeriodMs() default 10_000;

    @AttributeDefinition(description = "Daily maintenance windows, HH:mm-HH:mm in the site's time zone (may cross "
            + "midnight): an open door inside one raises no tamper alarm")
    String[] maintenanceWindows() default {};

    @AttributeDefinition(description = "First retry delay when the GPIO cannot be opened, in ms (it doubles)",
            min = "100")
    long retryInitialMs() default 5000;

    @AttributeDefinition(description = "Longest retry delay, in ms", min = "100")
    long retryMaxMs() default 300_000;
}
