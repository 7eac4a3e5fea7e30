package org.cityedge.schedule.astro;

import java.time.LocalDate;
import java.time.ZoneId;

/** The site's astronomical clock: the night windows of each date, in the site's time zone. */
public interface SunClock {

    ZoneId zone();

    /** The night beginning on {@code date}. Never throws for any date or place on Earth. */
    Night night(LocalDate date);

    /** What this clock is based on, for the log and the plan, e.g. {@code 11.5349N 106.8832E Asia/Ho_Chi_Minh}. */
    String describe();
}
