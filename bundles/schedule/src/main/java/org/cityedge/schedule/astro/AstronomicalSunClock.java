package org.cityedge.schedule.astro;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.shredzone.commons.suncalc.SunTimes;

/**
 * Sunset, sunrise, civil dusk and dawn at a place, from commons-suncalc. Each night is searched from local noon
 * for 24 hours, so a missing crossing (polar day or night) shows as a missing event rather than one from another
 * day. Nights are cached: the scheduler asks for the same few dates again and again.
 */
public final class AstronomicalSunClock implements SunClock {

    private static final int CACHE_SIZE = 16;

    private final double latitude;
    private final double longitude;
    private final ZoneId zone;
    private final Map<LocalDate, Night> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Night> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public AstronomicalSunClock(double latitude, double longitude, ZoneId zone) {
        this.latitude = latitude;
        this.longitude = longitude;
        this.zone = zone;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public synchronized Night night(LocalDate date) {
        return cache.computeIfAbsent(date, this::compute);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%.4f%s %.4f%s %s", Math.abs(latitude), latitude < 0 ? "S" : "N",
                Math.abs(longitude), longitude < 0 ? "W" : "E", zone.getId());
    }

    private Night compute(LocalDate date) {
        ZonedDateTime start = date.atTime(LocalTime.NOON).atZone(zone);
        ZonedDateTime end = date.plusDays(1).atTime(LocalTime.NOON).atZone(zone);
        Optional<Darkness> sun = darkness(start, end, SunTimes.Twilight.VISUAL, "sunset", "sunrise");
        Optional<Darkness> civil = darkness(start, end, SunTimes.Twilight.CIVIL, "dusk", "dawn");
        if (sun.isPresent() && civil.isEmpty()) {
            Darkness s = sun.get();
            civil = Optional.of(new Darkness(s.begins(), s.ends(), "no civil dusk (white night): sunset and sunrise"));
        }
        return new Night(date, start, end, sun, civil);
    }

    private Optional<Darkness> darkness(ZonedDateTime start, ZonedDateTime end, SunTimes.Twilight twilight,
            String beginName, String endName) {
        SunTimes times = SunTimes.compute().on(start).at(latitude, longitude).timezone(zone).twilight(twilight)
                .limit(Duration.between(start, end)).execute();
        if (times.isAlwaysUp()) {
            return Optional.empty();
        }
        if (times.isAlwaysDown()) {
            return Optional.of(new Darkness(start.toInstant(), end.toInstant(),
                    "polar night: dark from noon to noon"));
        }
        ZonedDateTime set = times.getSet();
        ZonedDateTime rise = times.getRise();
        String note = "";
        ZonedDateTime begins = set;
        if (begins == null) {
            // It rises without setting first: the sun was already down at noon.
            begins = start;
            note = "no " + beginName + " since noon: dark from noon";
        }
        ZonedDateTime ends = rise;
        if (ends == null || !ends.isAfter(begins)) {
            ends = end;
            note = (note.isEmpty() ? "" : note + "; ") + "no " + endName + " before noon: dark until noon";
        }
        return Optional.of(new Darkness(begins.toInstant(), ends.toInstant(), note));
    }
}
