package org.cityedge.control.command;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CommandHandlerComponent.PID, name = "cityedge commands",
        description = "IOC commands over MQTT (docs/mqtt/cmd.schema.json): validation, idempotency journal, expiry.")
@interface CommandConfig {

    @AttributeDefinition(name = "Default override (s)", min = "1", max = "2678400",
            description = "How long dim and switch hold when the command gives no durationS; then the lamps go"
                    + " back to rules and schedule.")
    long defaultOverrideSeconds() default 8 * 3600;

    @AttributeDefinition(name = "Device timeout (s)", min = "1", max = "110",
            description = "Longest wait for one device's verified write or read before it is reported as timeout"
                    + " (the uplink gives a command 120 s in all).")
    int deviceTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Journal file", required = false,
            description = "SQLite file of recent command ids and replies; empty: control/commands.db under the"
                    + " gateway's state directory (system property cityedge.state). Takes effect at the next start.")
    String journalPath() default "";

    @AttributeDefinition(name = "Journal: most entries", min = "100", max = "1000000",
            description = "Recent commands remembered; the oldest go first.")
    int journalMaxEntries() default 10_000;

    @AttributeDefinition(name = "Journal: longest age (h)", min = "1", max = "8760",
            description = "A command id older than this may be executed again (the IOC must not repeat ids).")
    int journalMaxAgeHours() default 7 * 24;

    @AttributeDefinition(name = "Journal: most bytes of replies", min = "65536",
            description = "Upper bound of the stored replies; the oldest go first.")
    long journalMaxBytes() default 16L * 1024 * 1024;
}
