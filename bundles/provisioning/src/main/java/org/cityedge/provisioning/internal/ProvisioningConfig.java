package org.cityedge.provisioning.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ProvisioningComponent.PID, name = "cityedge provisioning",
        description = "What the technician's console and CLI may change on site")
@interface ProvisioningConfig {

    @AttributeDefinition(description = "PIDs whose settings may be read and changed here, in the order a console"
            + " lists them")
    String[] managedPids() default {"org.cityedge.uplink.mqtt", "org.cityedge.trust", "org.cityedge.console",
        "org.cityedge.coap", "org.cityedge.cabinet.io", "org.cityedge.modbus", "org.cityedge.schedule",
        "org.cityedge.buffer", "org.cityedge.telemetry.log"};
}
