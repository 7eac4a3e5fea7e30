package org.cityedge.rules.expr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.cityedge.api.site.GeoPoint;
import org.shredzone.commons.suncalc.SunPosition;

/**
 * The variables of time and sun every rule may read, at the gateway's place: {@code now} (epoch ms),
 * {@code hour}, {@code minute}, {@code minuteOfDay}, {@code dayOfWeek} (1 Monday .. 7 Sunday) in the site's time
 * zone, {@code sunAltitude} (degrees of the sun's centre above the horizon, without refraction) and
 * {@code daylight} (the sun is up: above -0.833 degrees, the almanacs' sunrise and sunset). Without a position in the
 * site file the sun variables have no value, so rules reading them do not run (and say so in their status).
 *
 * <p>The sun moves a quarter of a degree a minute at most: its position is computed at most every 30 s.
 */
public final class TimeVariables {

    public static final Set<String> NAMES =
            Set.of("now", "hour", "minute", "minuteOfDay", "dayOfWeek", "sunAltitude", "daylight");
    /** Sunrise and sunset: the upper limb on the horizon, with standard refraction. */
    public static final double SUNRISE_ALTITUDE = -0.833;
    private static final long SUN_PERIOD_MS = 30_000;

    private ZoneId zone = ZoneId.of("UTC");
    private GeoPoint location;
    private long localSecond = Long.MIN_VALUE;
    private ZonedDateTime local;
    private long sunWindow = Long.MIN_VALUE;
    private double altitude;

    /** Where and in which time zone the gateway stands; null location: no sun. */
    public void place(ZoneId zone, GeoPoint location) {
        this.zone = zone;
        this.location = location;
        localSecond = Long.MIN_VALUE;
        sunWindow = Long.MIN_VALUE;
    }

    /** The value of {@code name} at {@code now}; null when it has none (the sun without a position). */
    public Object get(String name, long now) {
        return switch (name) {
            case "now" -> now;
            case "hour" -> (long) local(now).getHour();
            case "minute" -> (long) local(now).getMinute();
            case "minuteOfDay" -> (long) (local(now).getHour() * 60 + local(now).getMinute());
            case "dayOfWeek" -> (long) local(now).getDayOfWeek().getValue();
            case "sunAltitude" -> location == null ? null : sunAltitude(now);
            case "daylight" -> location == null ? null : sunAltitude(now) > SUNRISE_ALTITUDE;
            default -> throw new IllegalArgumentException("not a time variable: " + name);
        };
    }

    private ZonedDateTime local(long now) {
        long second = Math.floorDiv(now, 1000);
        if (second != localSecond) {
            local = Instant.ofEpochMilli(now).atZone(zone);
            localSecond = second;
        }
        return local;
    }

    private double sunAltitude(long now) {
        long window = Math.floorDiv(now, SUN_PERIOD_MS);
        if (window != sunWindow) {
            altitude = SunPosition.compute().at(location.latitude(), location.longitude())
                    .on(Instant.ofEpochMilli(now)).execute().getTrueAltitude();
            sunWindow = window;
        }
        return altitude;
    }
}
