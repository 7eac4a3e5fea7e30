package org.cityedge.control.arbiter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PointControlComponent.PID, name = "cityedge point control",
        description = "Who drives a writable point: IOC override over local rules over the dimming schedule over the"
                + " device's own default; and how a device that drifts from its effective value is set right.")
@interface PointControlConfig {

    @AttributeDefinition(name = "Drift grace (s)", min = "0", max = "3600",
            description = "How long a device may report another value than the effective one before it is"
                    + " rewritten (e.g. a lamp that rebooted into its default level).")
    int driftGraceSeconds() default 10;

    @AttributeDefinition(name = "Rewrites before giving up", min = "0", max = "100",
            description = "Rewrites in a row after which the gateway stops fighting the device and raises the"
                    + " controlNotHeld alarm, until the device holds a value again or a new value is set.")
    int driftMaxRewrites() default 5;

    @AttributeDefinition(name = "Longest wait between rewrites (s)", min = "1", max = "86400",
            description = "The wait between two rewrites of one point doubles from the grace up to this.")
    int driftBackoffCapSeconds() default 600;

    @AttributeDefinition(name = "Write timeout (s)", min = "1", max = "600",
            description = "A write the field driver has not answered by then counts as failed.")
    int writeTimeoutSeconds() default 30;
}
