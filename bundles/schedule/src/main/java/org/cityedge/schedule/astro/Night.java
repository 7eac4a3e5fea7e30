package org.cityedge.schedule.astro;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One night window at the site: from local noon of {@code date} to local noon of the next date. A night program
 * runs inside one window, so sunset, midnight and sunrise of the same night belong together.
 *
 * @param date  the date the night begins on (what calendar exceptions match)
 * @param start local noon of {@code date}
 * @param end   local noon of the next date
 * @param sun   sun below the horizon (sunset to sunrise); empty when the sun never sets in the window
 * @param civil sun below civil twilight (dusk to dawn); the sun's darkness where twilight never gets that deep
 */
public record Night(LocalDate date, ZonedDateTime start, ZonedDateTime end, Optional<Darkness> sun,
        Optional<Darkness> civil) {

    /** True when the sun stays up through the whole window (midnight sun): no night at all. */
    public boolean noNight() {
        return sun.isEmpty();
    }
}
