package org.cityedge.schedule.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.cityedge.schedule.astro.AstronomicalSunClock;
import org.cityedge.schedule.astro.Night;
import org.cityedge.schedule.astro.SunClock;
import org.cityedge.schedule.document.Anchor;
import org.cityedge.schedule.document.Documents;
import org.cityedge.schedule.document.Program;
import org.cityedge.schedule.document.ProgramCalendar;
import org.cityedge.schedule.document.Schedule;
import org.cityedge.schedule.document.ScheduleParser;
import org.cityedge.schedule.document.Step;
import org.junit.jupiter.api.Test;

class TimelineTest {

    static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private final SunClock dongXoai = new AstronomicalSunClock(11.53, 106.88, SAIGON);

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SAIGON).toInstant();
    }

    private Timeline timeline(Schedule s, String calendarKey, Instant from, Instant to) {
        return Timeline.of(s, s.calendar(calendarKey), dongXoai, from, to);
    }

    @Test
    void stepsWithOffsetsAndFixedTimesResolveAcrossMidnight() throws Exception {
        Schedule s = ScheduleParser.parse(Documents.sample(1));
        LocalDate monday = LocalDate.of(2027, 3, 15);
        Night night = dongXoai.night(monday);
        Instant sunset = night.sun().orElseThrow().begins();
        Instant sunrise = night.sun().orElseThrow().ends();
        Timeline t = timeline(s, "circuit-a", local("2027-03-15T12:00"), local("2027-03-16T12:00"));

        List<LevelEvent> night15 = t.between(local("2027-03-15T12:00"), local("2027-03-16T12:00"));
        assertThat(night15).extracting(LevelEvent::at).containsExactly(sunset.plus(Duration.ofMinutes(10)),
                local("2027-03-15T23:00"), local("2027-03-16T01:30"), sunrise);
        assertThat(night15).extracting(LevelEvent::level).containsExactly(100, 50, 30, 0);
        assertThat(night15).extracting(LevelEvent::program).containsOnly("residential");
        assertThat(night15.get(0).reason()).startsWith("sunset+10min (18:").endsWith(", program residential");
        assertThat(night15.get(1).reason()).isEqualTo("23:00, program residential");

        assertThat(t.at(sunset.plusSeconds(60)).orElseThrow().level()).as("sunset+1: still off").isZero();
        assertThat(t.at(local("2027-03-15T23:59")).orElseThrow().level()).isEqualTo(50);
        assertThat(t.at(local("2027-03-16T00:30")).orElseThrow().level()).as("after midnight").isEqualTo(50);
        assertThat(t.at(local("2027-03-16T02:00")).orElseThrow().level()).isEqualTo(30);
        assertThat(t.at(local("2027-03-16T09:00")).orElseThrow().level()).isZero();
        assertThat(t.after(local("2027-03-15T23:00")).orElseThrow().at()).isEqualTo(local("2027-03-16T01:30"));
    }

    @Test
    void groupsRunTheirOwnProgramsAndCalendarExceptions() throws Exception {
        Schedule s = ScheduleParser.parse(Documents.sample(1));
        // Monday 2027-03-15: circuit B runs the main-road program: on at civil dusk, off at dawn + 5 min.
        Night monday = dongXoai.night(LocalDate.of(2027, 3, 15));
        Timeline b = timeline(s, "circuit-b", local("2027-03-15T12:00"), local("2027-03-16T12:00"));
        assertThat(b.between(local("2027-03-15T12:00"), local("2027-03-16T12:00")))
                .extracting(LevelEvent::at, LevelEvent::level, LevelEvent::program)
                .containsExactly(
                        tuple(monday.civil().get().begins(), 100, "main-road"),
                        tuple(local("2027-03-16T00:00"), 80, "main-road"),
                        tuple(monday.civil().get().ends().plusSeconds(300), 0,
                                "main-road"));
        // Saturday: the weekend exception runs residential on circuit B.
        assertThat(timeline(s, "circuit-b", local("2027-03-20T12:00"), local("2027-03-21T12:00"))
                .at(local("2027-03-20T23:30")).orElseThrow().program()).isEqualTo("residential");
        // Tet (nights 5-10 Feb): brighter all night on both circuits and by default; not on the 11th.
        for (String key : List.of("circuit-a", "circuit-b", Schedule.DEFAULT_CALENDAR)) {
            Timeline tet = timeline(s, key, local("2027-02-06T12:00"), local("2027-02-12T12:00"));
            assertThat(tet.at(local("2027-02-07T03:00")).orElseThrow())
                    .satisfies(e -> assertThat(e.program()).isEqualTo("tet"))
                    .satisfies(e -> assertThat(e.level()).isEqualTo(100));
            assertThat(tet.at(local("2027-02-11T23:30")).orElseThrow().program()).isNotEqualTo("tet");
        }
    }

    @Test
    void theLaterOfTwoStepsAtOneInstantWins() {
        Program p = new Program("p", List.of(Step.at(Anchor.SUNSET, 0, 100), Step.at(Anchor.SUNSET, 0, 70),
                Step.at(Anchor.SUNRISE, 0, 0)));
        Schedule s = new Schedule(1, Map.of("p", p), ProgramCalendar.always("p"), Map.of());
        Instant sunset = dongXoai.night(LocalDate.of(2027, 3, 15)).sun().orElseThrow().begins();
        Timeline t = timeline(s, "", sunset, sunset.plus(Duration.ofDays(1)));
        assertThat(t.at(sunset).orElseThrow().level()).isEqualTo(70);
        assertThat(t.events()).extracting(LevelEvent::at).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void midnightSunKeepsLampsOffAndPolarNightKeepsThemOnWithoutFlicker() {
        SunClock tromso = new AstronomicalSunClock(69.65, 18.96, OSLO);
        Program p = new Program("p", List.of(Step.at(Anchor.SUNSET, 0, 100), Step.at(LocalTime.of(23, 0), 50),
                Step.at(Anchor.SUNRISE, 0, 0)));
        Schedule s = new Schedule(1, Map.of("p", p), ProgramCalendar.always("p"), Map.of());

        Instant juneFrom = LocalDateTime.parse("2027-06-18T00:00").atZone(OSLO).toInstant();
        Timeline june = Timeline.of(s, s.defaultCalendar(), tromso, juneFrom, juneFrom.plus(Duration.ofDays(5)));
        for (Instant t = juneFrom; t.isBefore(juneFrom.plus(Duration.ofDays(5))); t = t.plus(Duration.ofMinutes(30))) {
            LevelEvent e = june.at(t).orElseThrow();
            assertThat(e.level()).as("midnight sun at %s", t).isZero();
        }
        assertThat(june.at(LocalDateTime.parse("2027-06-19T23:30").atZone(OSLO).toInstant()).orElseThrow().reason())
                .contains("no night");

        Instant decFrom = LocalDateTime.parse("2027-12-18T00:00").atZone(OSLO).toInstant();
        Timeline dec = Timeline.of(s, s.defaultCalendar(), tromso, decFrom, decFrom.plus(Duration.ofDays(5)));
        for (Instant t = decFrom; t.isBefore(decFrom.plus(Duration.ofDays(5))); t = t.plus(Duration.ofMinutes(30))) {
            assertThat(dec.at(t).orElseThrow().level()).as("polar night at %s", t).isPositive();
        }
        // At noon the night's "off at sunrise" and the next night's "on at sunset" meet: only the "on" remains.
        Instant noon = LocalDateTime.parse("2027-12-19T12:00").atZone(OSLO).toInstant();
        assertThat(dec.events()).filteredOn(e -> e.at().equals(noon)).singleElement()
                .satisfies(e -> assertThat(e.level()).isEqualTo(100));
    }

    @Test
    void aWholeYearAtPolarLatitudesGivesAStateAtEveryHour() {
        Program p = new Program("p", List.of(Step.at(Anchor.DUSK, -30, 100), Step.at(LocalTime.of(0, 0), 50),
                Step.at(Anchor.DAWN, 30, 0)));
        Schedule s = new Schedule(1, Map.of("p", p), ProgramCalendar.always("p"), Map.of());
        for (double lat : new double[] {78.22, -77.85, 66.56}) {
            SunClock clock = new AstronomicalSunClock(lat, 15.6, OSLO);
            Instant from = Instant.parse("2027-01-01T00:00:00Z");
            Instant to = Instant.parse("2028-01-01T00:00:00Z");
            Timeline year = Timeline.of(s, s.defaultCalendar(), clock, from, to);
            assertThat(year.events()).extracting(LevelEvent::at).isSorted().doesNotHaveDuplicates();
            for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofHours(1))) {
                assertThat(year.at(t)).as("state at %s, latitude %s", t, lat).isPresent();
                assertThat(year.after(t)).isPresent();
            }
        }
    }
}
