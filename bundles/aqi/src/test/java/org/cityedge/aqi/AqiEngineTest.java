package org.cityedge.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.Test;

/** The engine fed like the Modbus poller feeds it, hour by hour, with the clock moved by hand. */
class AqiEngineTest {

    /** 00:00 in Ho Chi Minh City: hour h of the tests is h:00-h+1:00 local time. */
    private static final Instant START = Instant.parse("2026-11-22T17:00:00Z");
    private static final long HOUR = 3_600_000;
    private static final long POLL = 300_000;
    private static final String STATION = TestSite.STATION;

    private final MutableClock clock = new MutableClock(START);
    private final TestSite site = new TestSite("Asia/Ho_Chi_Minh");
    private final List<List<Sample>> emitted = new ArrayList<>();
    private final AqiEngine engine =
            new AqiEngine(clock, new SiteStations(() -> site), AqiSettings.DEFAULT, emitted::add);

    @Test
    void hourlyIndexOverASimulatedMorning() {
        feedHour(STATION, 0, Map.of("pm25", 40.0, "pm10", 60.0, "co", 2000.0, "no2", 50.0, "so2", 20.0, "o3", 80.0));
        Map<String, Sample> h0 = close(0).get(STATION);
        assertThat(h0.get("vnAqi").timestamp()).isEqualTo(START.toEpochMilli() + HOUR);
        assertBad(h0, "vnAqi", "no-pm-sub-index"); // one hour is not enough for NowCast
        assertBad(h0, "vnAqiBand", "no-pm-sub-index");
        assertBad(h0, "vnAqiPm25", "insufficient-data");
        assertBad(h0, "pm25NowCast", "insufficient-data");
        assertGood(h0, "vnAqiCo", 10L); // 2000 of 10000 -> 50
        assertGood(h0, "vnAqiNo2", 25L);
        assertGood(h0, "vnAqiSo2", 8L);
        assertGood(h0, "vnAqiO3", 25L);

        feedHour(STATION, 1, Map.of("pm25", 20.0, "pm10", 60.0, "co", 2000.0, "no2", 150.0, "so2", 20.0, "o3", 80.0));
        Map<String, Sample> h1 = close(1).get(STATION);
        // PM2.5: c1 = 20, c2 = 40, w* = 0.5: (20 + 0.5*40) / 1.5 = 26.67 -> 50 + 2 * 1.67 = 53.3
        assertGood(h1, "pm25NowCast", 26.7);
        assertGood(h1, "vnAqiPm25", 53L);
        assertGood(h1, "vnAqiPm10", 55L); // 60 -> 50 + 0.5 * 10
        assertGood(h1, "vnAqiNo2", 75L); // 150 -> 50 + 0.5 * 50
        assertGood(h1, "vnAqi", 75L);
        assertGood(h1, "vnAqiDominant", "no2");
        assertGood(h1, "vnAqiBand", "moderate");
        assertThat(h1.get("pm25NowCast").unit()).isEqualTo("ug/m3");
        assertThat(h1.get("vnAqi").unit()).isEmpty();

        // the PM sensor reports a failure: its readings (300) stay out; 2 of the last 3 hours still give NowCast
        feedHour(STATION, 2, Map.of("pmSensorFailure", true, "pm25", 300.0, "pm10", 300.0, "no2", 50.0));
        Map<String, Sample> h2 = close(2).get(STATION);
        assertGood(h2, "vnAqiPm25", 53L); // (0.5*20 + 0.25*40) / 0.75 = 26.67
        assertGood(h2, "vnAqiPm10", 55L);
        assertGood(h2, "vnAqiNo2", 25L);
        assertBad(h2, "vnAqiCo", "insufficient-data");
        assertGood(h2, "vnAqi", 55L);
        assertGood(h2, "vnAqiDominant", "pm10");
        assertThat(engine.counters().rejected(Rejection.SENSOR_FAULT)).isEqualTo(24);

        feedHour(STATION, 3, Map.of("pmSensorFailure", false, "no2", 50.0));
        Map<String, Sample> h3 = close(3).get(STATION);
        assertBad(h3, "vnAqiPm25", "insufficient-data"); // only c3 of the last three hours
        assertBad(h3, "vnAqi", "no-pm-sub-index");
        assertGood(h3, "vnAqiNo2", 25L);
    }

    @Test
    void workedExampleOfTheDecisionThroughAStation() {
        for (int h = 0; h < 2; h++) {
            feedHour(STATION, h, Map.of("pm25", 20.3, "pm10", 10.0, "co", 0.0, "no2", 0.0, "so2", 0.0, "o3", 0.0));
            close(h);
        }
        Map<String, Sample> latest = byDevice(emitted.get(emitted.size() - 1));
        assertGood(latest, "pm25NowCast", 20.3);
        assertGood(latest, "vnAqiPm25", 41L);
        assertGood(latest, "vnAqi", 41L);
        assertGood(latest, "vnAqiDominant", "pm25");
        assertGood(latest, "vnAqiBand", "good");
        assertGood(latest, "vnAqiCo", 0L);
    }

    @Test
    void badReadingsAreLeftOutAndCounted() {
        Map<String, Object> clean = Map.of("pm25", 40.0, "pm10", 60.0, "co", 2000.0, "no2", 50.0, "so2", 20.0,
                "o3", 80.0);
        feedHour(STATION, 0, clean);
        close(0);
        for (int k = 0; k < 12; k++) {
            long t = at(1, k);
            clock.set(Instant.ofEpochMilli(t + 1000));
            engine.accept(reading(t, clean));
            engine.accept(List.of(Sample.bad(STATION, "pm25", "ug/m3", t, "timeout"),
                    new Sample(STATION, "pm25", 450.0, "ug/m3", t, Quality.STALE, "no answer"),
                    Sample.good(STATION, "pm25", "n/a", "ug/m3", t),
                    Sample.good(STATION, "pm10", Double.NaN, "ug/m3", t),
                    Sample.good(STATION, "pm25", -5.0, "ug/m3", t),
                    Sample.good(STATION, "no2", 400.0, "ug/L", t)));
        }
        engine.accept(Arrays.asList(null, Sample.good(STATION, "pm25", 450.0, "ug/m3", at(0, 11)))); // closed
        engine.accept(null);
        engine.accept(List.of(Sample.good(STATION, "pm25", 450.0, "ug/m3", clock.millis() + 600_000)));
        Map<String, Sample> h1 = close(1).get(STATION);

        assertGood(h1, "pm25NowCast", 40.0);
        assertGood(h1, "vnAqiNo2", 25L);
        AqiCounters counters = engine.counters();
        assertThat(counters.accepted()).isEqualTo(2 * 12 * 6);
        assertThat(counters.rejected(Rejection.BAD)).isEqualTo(12);
        assertThat(counters.rejected(Rejection.STALE)).isEqualTo(12);
        assertThat(counters.rejected(Rejection.NOT_A_NUMBER)).isEqualTo(24);
        assertThat(counters.rejected(Rejection.NEGATIVE)).isEqualTo(12);
        assertThat(counters.rejected(Rejection.UNIT)).isEqualTo(12);
        assertThat(counters.rejected(Rejection.LATE)).isEqualTo(1);
        assertThat(counters.rejected(Rejection.FUTURE)).isEqualTo(1);
        assertThat(counters.rejectedTotal()).isEqualTo(74);
        assertThat(counters.hoursClosed()).isEqualTo(2);
    }

    @Test
    void aCoCellInPpmIsConverted() {
        double ppmAtIndex50 = 10000 * 24.45 / 28.010 / 1000; // 10000 ug/m3, the CO breakpoint of index 50
        for (int h = 0; h < 2; h++) {
            feedHour(TestSite.PPM_STATION, h, Map.of("co", ppmAtIndex50, "pm25", 10.0));
            close(h);
        }
        Map<String, Sample> latest = byDevice(emitted.get(emitted.size() - 1));
        assertThat(latest.get("vnAqi").deviceId()).isEqualTo(TestSite.PPM_STATION);
        assertGood(latest, "vnAqiCo", 50L);
        assertGood(latest, "vnAqiPm25", 20L);
        assertGood(latest, "vnAqiDominant", "co");
        assertThat(latest).doesNotContainKeys("vnAqiNo2", "vnAqiPm10", "pm10NowCast"); // not in its profile
    }

    @Test
    void otherDevicesAreIgnored() {
        feedHour(TestSite.WEATHER, 0, Map.of("pm25", 40.0));
        feedHour(TestSite.LAMP, 0, Map.of("activePower", 40.0));
        feedHour("not-in-the-site", 0, Map.of("pm25", 40.0));
        close(0);
        assertThat(emitted).isEmpty();
        assertThat(engine.trackedStations()).isEmpty();
        assertThat(engine.counters().accepted()).isZero();
    }

    @Test
    void aOneHourAverageNeedsThreeQuartersOfTheHour() {
        // no2 in 8 of 12 five-minute slots, o3 in 9
        for (int k = 0; k < 12; k++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("pm25", 10.0);
            if (k < 8) {
                values.put("no2", 50.0);
            }
            if (k < 9) {
                values.put("o3", 80.0);
            }
            clock.set(Instant.ofEpochMilli(at(0, k) + 1000));
            engine.accept(reading(at(0, k), values));
        }
        Map<String, Sample> h0 = close(0).get(STATION);
        assertBad(h0, "vnAqiNo2", "insufficient-data");
        assertGood(h0, "vnAqiO3", 25L);
    }

    @Test
    void readingsOfAnHourCountUntilItsCloseDelayIsOver() {
        for (int k = 0; k < 8; k++) { // 8 slots: one short of a valid average
            clock.set(Instant.ofEpochMilli(at(0, k) + 1000));
            engine.accept(reading(at(0, k), Map.of("pm25", 10.0, "o3", 160.0)));
        }
        long lastSecond = START.toEpochMilli() + HOUR - 1000;
        clock.set(Instant.ofEpochMilli(START.toEpochMilli() + HOUR + 30_000)); // read 00:59:59, arrives 01:00:30
        engine.tick(); // the hour is not due before 01:01
        assertThat(emitted).isEmpty();
        engine.accept(reading(lastSecond, Map.of("o3", 160.0)));
        Map<String, Sample> h0 = close(0).get(STATION);
        assertGood(h0, "vnAqiO3", 50L); // the ninth slot came in time

        engine.accept(reading(lastSecond, Map.of("o3", 160.0))); // after the close: too late
        assertThat(engine.counters().rejected(Rejection.LATE)).isEqualTo(1);
    }

    @Test
    void liveEstimateUsesTheHourSoFar() {
        engine.reconfigure(new AqiSettings(60_000, 9, 600_000));
        feedHour(STATION, 0, Map.of("pm25", 40.0, "no2", 50.0));
        for (int k = 0; k < 6; k++) { // 01:00 to 01:25
            clock.set(Instant.ofEpochMilli(at(1, k) + 1000));
            engine.accept(reading(at(1, k), Map.of("pm25", 20.0, "no2", 150.0)));
        }
        clock.set(Instant.ofEpochMilli(START.toEpochMilli() + HOUR + 30 * 60_000));
        engine.tick();
        assertThat(emitted).hasSize(2); // hour 0, then the live estimate
        Map<String, Sample> live = byDevice(emitted.get(1));
        assertThat(live).containsOnlyKeys("vnAqiLive", "vnAqiLiveDominant");
        assertGood(live, "vnAqiLive", 75L); // no2 150 so far; PM2.5 (20 + 0.5*40) / 1.5 = 26.7 -> 53
        assertGood(live, "vnAqiLiveDominant", "no2");
        assertThat(live.get("vnAqiLive").timestamp()).isEqualTo(clock.millis());

        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(emitted).hasSize(2); // next estimate after 10 minutes
        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(emitted).hasSize(3);
    }

    @Test
    void memoryStaysWithinTwelveHoursPerStation() {
        for (int h = 0; h < 30; h++) {
            feedHour(STATION, h, Map.of("pm25", 10.0 + h, "no2", 50.0));
            assertThat(engine.heldHours(STATION)).isLessThanOrEqualTo(13);
            close(h);
            assertThat(engine.heldHours(STATION)).isEqualTo(Math.min(h + 1, 12));
        }
        assertThat(emitted).hasSize(30);
    }

    @Test
    void aClockStepStartsAfreshWithoutAFlood() {
        feedHour(STATION, 0, Map.of("pm25", 10.0));
        close(0);
        clock.advance(Duration.ofDays(3)); // NTP after a boot without a real-time clock
        engine.tick();
        assertThat(emitted).hasSize(1);
        assertThat(engine.heldHours(STATION)).isZero();

        clock.set(START.minus(Duration.ofDays(2))); // and back
        engine.tick();
        long t = clock.millis();
        engine.accept(reading(t, Map.of("pm25", 10.0)));
        assertThat(engine.counters().rejected(Rejection.LATE)).isZero();
        assertThat(engine.heldHours(STATION)).isEqualTo(1);
    }

    @Test
    void aSilentStationIsForgottenAfterTwelveHours() {
        feedHour(STATION, 0, Map.of("pm25", 10.0));
        for (int h = 0; h < 12; h++) {
            close(h);
        }
        assertThat(engine.trackedStations()).containsExactly(STATION);
        assertBad(byDevice(emitted.get(emitted.size() - 1)), "vnAqi", "no-pm-sub-index");
        int before = emitted.size();
        close(12);
        assertThat(engine.trackedStations()).isEmpty();
        assertThat(emitted).hasSize(before);
    }

    @Test
    void aStationRemovedFromTheSiteIsDropped() {
        feedHour(STATION, 0, Map.of("pm25", 10.0));
        site.remove(STATION);
        close(0);
        assertThat(emitted).isEmpty();
        assertThat(engine.trackedStations()).isEmpty();
    }

    // --- helpers

    /** Twelve polls at :00, :05 ... :55 of hour h, each arriving a second after it was read. */
    private void feedHour(String device, int hour, Map<String, ?> means) {
        for (int k = 0; k < 12; k++) {
            Map<String, Object> values = new LinkedHashMap<>();
            int poll = k;
            // alternate 10 % above and below the mean, so the hour's mean is the mean
            means.forEach((p, v) -> values.put(p, v instanceof Double d ? d * (poll % 2 == 0 ? 1.1 : 0.9) : v));
            clock.set(Instant.ofEpochMilli(at(hour, k) + 1000));
            engine.accept(reading(device, at(hour, k), values));
        }
    }

    private static long at(int hour, int poll) {
        return START.toEpochMilli() + hour * HOUR + poll * POLL;
    }

    private static List<Sample> reading(long t, Map<String, ?> values) {
        return reading(STATION, t, values);
    }

    private static List<Sample> reading(String device, long t, Map<String, ?> values) {
        List<Sample> batch = new ArrayList<>();
        values.forEach((p, v) -> batch.add(Sample.good(device, p, v, v instanceof Double ? unit(device, p) : "", t)));
        return batch;
    }

    private static String unit(String device, String point) {
        return device.equals(TestSite.PPM_STATION) && point.equals("co") ? "[ppm]" : "ug/m3";
    }

    /** Moves the clock past hour h's close delay, ticks, and returns what it emitted by device. */
    private Map<String, Map<String, Sample>> close(int hour) {
        int before = emitted.size();
        clock.set(Instant.ofEpochMilli(START.toEpochMilli() + (hour + 1) * HOUR + 61_000));
        engine.tick();
        Map<String, Map<String, Sample>> out = new LinkedHashMap<>();
        for (List<Sample> batch : emitted.subList(before, emitted.size())) {
            out.put(batch.get(0).deviceId(), byDevice(batch));
        }
        return out;
    }

    private static Map<String, Sample> byDevice(List<Sample> batch) {
        Map<String, Sample> points = new LinkedHashMap<>();
        batch.forEach(s -> points.put(s.point(), s));
        return points;
    }

    private static void assertGood(Map<String, Sample> points, String point, Object value) {
        assertThat(points).containsKey(point);
        Sample s = points.get(point);
        assertThat(s.quality()).as(point + " quality (" + s.reason() + ")").isEqualTo(Quality.GOOD);
        assertThat(s.value()).as(point).isEqualTo(value);
    }

    private static void assertBad(Map<String, Sample> points, String point, String reason) {
        assertThat(points).containsKey(point);
        assertThat(points.get(point).quality()).as(point).isEqualTo(Quality.BAD);
        assertThat(points.get(point).value()).isNull();
        assertThat(points.get(point).reason()).isEqualTo(reason);
    }
}
