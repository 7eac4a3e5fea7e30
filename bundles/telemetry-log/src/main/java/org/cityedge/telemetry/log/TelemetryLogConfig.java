package org.cityedge.telemetry.log;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TelemetryLog.PID, name = "cityedge telemetry log",
        description = "Prints normalized samples on the console (demo and commissioning aid)")
@interface TelemetryLogConfig {

    @AttributeDefinition(description = "Print samples at all")
    boolean enabled() default false;

    @AttributeDefinition(description = "Regular expression of device ids to print; empty prints every device")
    String devices() default "";
}
