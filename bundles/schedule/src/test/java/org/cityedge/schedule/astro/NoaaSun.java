package org.cityedge.schedule.astro;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An independent sunrise / sunset calculator for checking commons-suncalc: the NOAA Solar Calculator formulas
 * (Global Monitoring Laboratory, https://gml.noaa.gov/grad/solcalc/calcdetails.html, after Meeus, "Astronomical
 * Algorithms"), refined twice at the event's own time. NOAA states about one minute of accuracy between +/-72
 * degrees of latitude. Zenith 90.833 degrees is sunrise and sunset (refraction and the sun's radius), 96 is civil
 * twilight.
 */
final class NoaaSun {

    static final double SUNRISE_ZENITH = 90.833;
    static final double CIVIL_ZENITH = 96.0;

    private NoaaSun() {
    }

    /** Morning event on {@code date} (as a date at the place), or empty when the sun does not cross. */
    static Optional<Instant> rise(LocalDate date, double lat, double lon, double zenith) {
        return event(date, lat, lon, zenith, true);
    }

    /** Evening event on {@code date}. */
    static Optional<Instant> set(LocalDate date, double lat, double lon, double zenith) {
        return event(date, lat, lon, zenith, false);
    }

    /** Declination in degrees at a moment. */
    static double declination(Instant at) {
        return Math.toDegrees(new Sun(julianCentury(at)).declination);
    }

    /** Equation of time in minutes at a moment. */
    static double equationOfTime(Instant at) {
        return new Sun(julianCentury(at)).equationOfTime;
    }

    private static Optional<Instant> event(LocalDate date, double lat, double lon, double zenith, boolean rising) {
        Instant midnightUtc = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        double minutes = 720 - 4 * lon; // first guess: solar noon, minutes after 0h UTC
        for (int i = 0; i < 3; i++) {
            Sun sun = new Sun(julianCentury(midnightUtc.plusSeconds((long) (minutes * 60))));
            double phi = Math.toRadians(lat);
            double cosHa = Math.cos(Math.toRadians(zenith)) / (Math.cos(phi) * Math.cos(sun.declination))
                    - Math.tan(phi) * Math.tan(sun.declination);
            if (cosHa < -1 || cosHa > 1) {
                return Optional.empty();
            }
            double ha = Math.toDegrees(Math.acos(cosHa));
            double noon = 720 - 4 * lon - sun.equationOfTime;
            minutes = rising ? noon - 4 * ha : noon + 4 * ha;
        }
        return Optional.of(midnightUtc.plusMillis(Math.round(minutes * 60_000)));
    }

    private static double julianCentury(Instant at) {
        double jd = at.toEpochMilli() / 86_400_000.0 + 2440587.5;
        return (jd - 2451545.0) / 36525.0;
    }

    /** The sun's declination (radians) and the equation of time (minutes) at Julian century {@code t}. */
    private static final class Sun {

        final double declination;
        final double equationOfTime;

        Sun(double t) {
            double l0 = mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
            double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
            double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
            double mr = Math.toRadians(m);
            double c = Math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t))
                    + Math.sin(2 * mr) * (0.019993 - 0.000101 * t) + Math.sin(3 * mr) * 0.000289;
            double trueLong = l0 + c;
            double omega = Math.toRadians(125.04 - 1934.136 * t);
            double lambda = Math.toRadians(trueLong - 0.00569 - 0.00478 * Math.sin(omega));
            double eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
            double eps = Math.toRadians(eps0 + 0.00256 * Math.cos(omega));
            declination = Math.asin(Math.sin(eps) * Math.sin(lambda));
            double y = Math.pow(Math.tan(eps / 2), 2);
            double l0r = Math.toRadians(l0);
            equationOfTime = 4 * Math.toDegrees(y * Math.sin(2 * l0r) - 2 * e * Math.sin(mr)
                    + 4 * e * y * Math.sin(mr) * Math.cos(2 * l0r) - 0.5 * y * y * Math.sin(4 * l0r)
                    - 1.25 * e * e * Math.sin(2 * mr));
        }

        private static double mod360(double x) {
            double r = x % 360;
            return r < 0 ? r + 360 : r;
        }
    }
}
