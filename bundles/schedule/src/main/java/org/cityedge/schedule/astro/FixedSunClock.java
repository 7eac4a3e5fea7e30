package org.cityedge.schedule.astro;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Stands in for the astronomical clock when the site file gives no position: fixed local times for sunset and
 * sunrise (and the same for dusk and dawn), so a gateway without coordinates still lights its streets at night.
 */
public final class FixedSunClock implements SunClock {

    private final LocalTime sunset;
    private final LocalTime sunrise;
    private final ZoneId zone;

    /** {@code sunset} must be from 12:00, {@code sunrise} before 12:00. */
    public FixedSunClock(LocalTime sunset, LocalTime sunrise, ZoneId zone) {
        if (sunset.isBefore(LocalTime.NOON) || !sunrise.isBefore(LocalTime.NOON)) {
            throw new IllegalArgumentException("sunset must be from 12:00 and sunrise before 12:00, were " + sunset
                    + " and " + sunrise);
        }
        this.sunset = sunset;
        this.sunrise = sunrise;
        this.zone = zone;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Night night(LocalDate date) {
        ZonedDateTime start = date.atTime(LocalTime.NOON).atZone(zone);
        ZonedDateTime end = date.plusDays(1).atTime(LocalTime.NOON).atZone(zone);
        Darkness dark = new Darkness(date.atTime(sunset).atZone(zone).toInstant(),
                date.plusDays(1).atTime(sunrise).atZone(zone).toInstant(), "no site position: fixed times");
        return new Night(date, start, end, Optional.of(dark), Optional.of(dark));
    }

    @Override
    public String describe() {
        return "no position, fixed sunset " + sunset + " sunrise " + sunrise + " " + zone.getId();
    }
}
