package org.cityedge.aqi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AqiComponent.PID, name = "cityedge VN_AQI",
        description = "Hourly Vietnam air-quality index (Decision 1459/QD-TCMT) of the site's air-quality stations,"
                + " published with their telemetry")
@interface AqiConfig {

    @AttributeDefinition(description = "Compute and publish the index at all")
    boolean enabled() default true;

    @AttributeDefinition(min = "0", max = "900",
            description = "Seconds after a full hour during which readings of that hour are still taken; the hour's"
                    + " index is published then")
    int hourCloseDelaySeconds() default 60;

    @AttributeDefinition(min = "0", max = "100",
            description = "Share of an hour (in 5-minute slots) that good readings must cover for a valid 1 h"
                    + " average; 0 takes any reading")
    int minHourCoveragePercent() default 75;

    @AttributeDefinition(min = "0", max = "3600",
            description = "Seconds between live estimates over the hour so far (vnAqiLive); 0 publishes none")
    int liveIntervalSeconds() default 0;
}
