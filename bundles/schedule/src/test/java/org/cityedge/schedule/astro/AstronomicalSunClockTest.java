package org.cityedge.schedule.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AstronomicalSunClockTest {

    static final double DX_LAT = 11.53;
    static final double DX_LON = 106.88;
    static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final long TWO_MINUTES_S = 120;

    private final SunClock dongXoai = new AstronomicalSunClock(DX_LAT, DX_LON, SAIGON);

    @Test
    void independentCalculatorAgreesWithTextbookValues() {
        // Guards the NOAA re-implementation itself: declination at the June solstice is the obliquity (23.44 deg),
        // the equation of time peaks near +16.4 min in early November and -14.2 min in mid February.
        assertThat(NoaaSun.declination(Instant.parse("2027-06-21T14:00:00Z"))).isCloseTo(23.44, within(0.02));
        assertThat(NoaaSun.equationOfTime(Instant.parse("2027-11-03T12:00:00Z"))).isCloseTo(16.4, within(0.2));
        assertThat(NoaaSun.equationOfTime(Instant.parse("2027-02-11T12:00:00Z"))).isCloseTo(-14.2, within(0.2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-01-01", "2027-02-06", "2027-03-20", "2027-06-21", "2027-09-23", "2027-12-22"})
    void dongXoaiSunsetAndSunriseMatchNoaaWithinTwoMinutes(String day) {
        LocalDate date = LocalDate.parse(day);
        Night night = dongXoai.night(date);

        Darkness sun = night.sun().orElseThrow();
        assertWithin(sun.begins(), NoaaSun.set(date, DX_LAT, DX_LON, NoaaSun.SUNRISE_ZENITH).orElseThrow());
        assertWithin(sun.ends(), NoaaSun.rise(date.plusDays(1), DX_LAT, DX_LON, NoaaSun.SUNRISE_ZENITH).orElseThrow());
        assertThat(sun.note()).isEmpty();

        Darkness civil = night.civil().orElseThrow();
        assertWithin(civil.begins(), NoaaSun.set(date, DX_LAT, DX_LON, NoaaSun.CIVIL_ZENITH).orElseThrow());
        assertWithin(civil.ends(), NoaaSun.rise(date.plusDays(1), DX_LAT, DX_LON, NoaaSun.CIVIL_ZENITH).orElseThrow());

        // Plausible for 11.5 N at UTC+7: sunset 17:30-18:20, sunrise 05:30-06:20 local, dusk after sunset.
        LocalTime set = sun.begins().atZone(SAIGON).toLocalTime();
        LocalTime rise = sun.ends().atZone(SAIGON).toLocalTime();
        assertThat(set).isBetween(LocalTime.of(17, 30), LocalTime.of(18, 20));
        assertThat(rise).isBetween(LocalTime.of(5, 30), LocalTime.of(6, 20));
        assertThat(civil.begins()).isAfter(sun.begins());
        assertThat(civil.ends()).isBefore(sun.ends());
    }

    @Test
    void everyNightOf2027AtDongXoaiAgreesWithNoaa() {
        long worst = 0;
        for (LocalDate d = LocalDate.of(2027, 1, 1); d.getYear() == 2027; d = d.plusDays(1)) {
            Night night = dongXoai.night(d);
            Darkness sun = night.sun().orElseThrow();
            Darkness civil = night.civil().orElseThrow();
            LocalDate next = d.plusDays(1);
            worst = Math.max(worst, deviation(sun.begins(), NoaaSun.set(d, DX_LAT, DX_LON, NoaaSun.SUNRISE_ZENITH)));
            worst = Math.max(worst, deviation(sun.ends(), NoaaSun.rise(next, DX_LAT, DX_LON, NoaaSun.SUNRISE_ZENITH)));
            worst = Math.max(worst, deviation(civil.begins(), NoaaSun.set(d, DX_LAT, DX_LON, NoaaSun.CIVIL_ZENITH)));
            worst = Math.max(worst, deviation(civil.ends(), NoaaSun.rise(next, DX_LAT, DX_LON, NoaaSun.CIVIL_ZENITH)));
        }
        System.out.println("suncalc_vs_noaa_dong_xoai_2027 nights=365 max_deviation_s=" + worst);
        assertThat(worst).isLessThanOrEqualTo(TWO_MINUTES_S);
    }

    private static long deviation(Instant actual, Optional<Instant> noaa) {
        return Duration.between(noaa.orElseThrow(), actual).abs().getSeconds();
    }

    @Test
    void nightWindowRunsFromNoonToNoonInTheSiteZone() {
        Night night = dongXoai.night(LocalDate.of(2027, 2, 6));
        assertThat(night.start().toInstant()).isEqualTo(Instant.parse("2027-02-06T05:00:00Z"));
        assertThat(night.end().toInstant()).isEqualTo(Instant.parse("2027-02-07T05:00:00Z"));
        assertThat(night.sun().orElseThrow().begins()).isBetween(night.start().toInstant(), night.end().toInstant());
    }

    @Test
    void midnightSunHasNoNight() {
        SunClock tromso = new AstronomicalSunClock(69.65, 18.96, ZoneId.of("Europe/Oslo"));
        Night june = tromso.night(LocalDate.of(2027, 6, 21));
        assertThat(june.noNight()).isTrue();
        assertThat(june.civil()).isEmpty();
    }

    @Test
    void polarNightIsDarkFromNoonToNoon() {
        SunClock tromso = new AstronomicalSunClock(69.65, 18.96, ZoneId.of("Europe/Oslo"));
        Night december = tromso.night(LocalDate.of(2027, 12, 21));
        Darkness sun = december.sun().orElseThrow();
        assertThat(sun.begins()).isEqualTo(december.start().toInstant());
        assertThat(sun.ends()).isEqualTo(december.end().toInstant());
        assertThat(sun.note()).contains("polar night");
        // Civil twilight still comes at midday in Tromso's polar night.
        assertThat(december.civil().orElseThrow().begins()).isAfter(december.start().toInstant());
    }

    @Test
    void whiteNightFallsBackToSunsetForDusk() {
        // Trondheim at midsummer: the sun sets, but at midnight it is only about 3 degrees down.
        SunClock trondheim = new AstronomicalSunClock(63.43, 10.40, ZoneId.of("Europe/Oslo"));
        Night night = trondheim.night(LocalDate.of(2027, 6, 21));
        assertThat(night.sun()).isPresent();
        assertThat(night.civil().orElseThrow().begins()).isEqualTo(night.sun().orElseThrow().begins());
        assertThat(night.civil().orElseThrow().note()).contains("white night");
    }

    @ParameterizedTest
    @ValueSource(doubles = {69.65, 78.22, -77.85, 89.9, -89.9, 66.0, 0.0})
    void everyNightOfAYearResolvesWithoutExceptionsAtAnyLatitude(double latitude) {
        SunClock clock = new AstronomicalSunClock(latitude, 15.6, ZoneId.of("Europe/Oslo"));
        int noNight = 0;
        for (LocalDate d = LocalDate.of(2027, 1, 1); d.getYear() == 2027; d = d.plusDays(1)) {
            Night night = clock.night(d);
            if (night.noNight()) {
                noNight++;
                continue;
            }
            for (Darkness dark : new Darkness[] {night.sun().get(), night.civil().orElseThrow()}) {
                assertThat(dark.begins()).isBetween(night.start().toInstant(), night.end().toInstant());
                assertThat(dark.ends()).isAfter(dark.begins()).isBeforeOrEqualTo(night.end().toInstant());
            }
        }
        if (Math.abs(latitude) > 70) {
            assertThat(noNight).as("nights of midnight sun at %s", latitude).isGreaterThan(30);
        } else if (latitude == 0.0) {
            assertThat(noNight).isZero();
        }
    }

    private static void assertWithin(Instant actual, Instant expected) {
        assertThat(Duration.between(expected, actual).abs().getSeconds())
                .as("%s vs NOAA %s", actual, expected).isLessThanOrEqualTo(TWO_MINUTES_S);
    }
}
