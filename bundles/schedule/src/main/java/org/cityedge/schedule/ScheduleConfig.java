package org.cityedge.schedule;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ScheduleComponent.PID, name = "cityedge schedule",
        description = "Dimming schedules on the site's astronomical clock. The built-in schedule below runs until"
                + " the IOC installs a signed one, so a fresh gateway never leaves a street dark.")
@interface ScheduleConfig {

    @AttributeDefinition(description = "Built-in schedule: minutes after sunset the lamps go on (negative: before)",
            min = "-180", max = "180")
    int onOffsetMinutes() default 0;

    @AttributeDefinition(description = "Built-in schedule: level in percent from then", min = "1", max = "100")
    int onLevel() default 100;

    @AttributeDefinition(description = "Built-in schedule: local time (HH:MM) of the reduced level, e.g. 23:00;"
            + " empty for none")
    String reducedAt() default "23:00";

    @AttributeDefinition(description = "Built-in schedule: the reduced level in percent", min = "1", max = "100")
    int reducedLevel() default 50;

    @AttributeDefinition(description = "Built-in schedule: minutes after sunrise the lamps go off (negative:"
            + " before)", min = "-180", max = "180")
    int offOffsetMinutes() default 0;

    @AttributeDefinition(description = "Sunset (HH:MM, from 12:00) assumed when the site file gives no location")
    String fallbackSunset() default "18:00";

    @AttributeDefinition(description = "Sunrise (HH:MM, before 12:00) assumed when the site file gives no location")
    String fallbackSunrise() default "06:00";

    @AttributeDefinition(description = "Longest sleep between two plans in seconds; bounds how late a step comes"
            + " after the clock was set (NTP after boot)", min = "1", max = "3600")
    int replanSeconds() default 60;

    @AttributeDefinition(description = "Directory of the installed schedule; empty: schedule/ under the gateway's"
            + " state directory (system property cityedge.state). Takes effect at the next start.")
    String storeDir() default "";
}
