package org.cityedge.schedule.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleParserTest {

    @Test
    void readsProgramsCalendarsAndExceptions() throws Exception {
        Schedule s = ScheduleParser.parse(Documents.sample(7));

        assertThat(s.version()).isEqualTo(7);
        assertThat(s.programs()).containsOnlyKeys("residential", "main-road", "tet");
        assertThat(s.program("residential").steps()).containsExactly(
                Step.at(Anchor.SUNSET, 10, 100), Step.at(LocalTime.of(23, 0), 50),
                Step.at(LocalTime.of(1, 30), 30), Step.at(Anchor.SUNRISE, 0, 0));
        assertThat(s.program("main-road").steps().get(2)).isEqualTo(Step.at(Anchor.DAWN, 5, 0));
        ProgramCalendar b = s.groups().get("circuit-b");
        assertThat(b.exceptions()).hasSize(2);
        assertThat(b.exceptions().get(1).weekdays()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(b.programOn(LocalDate.of(2027, 2, 6))).isEqualTo("tet"); // a Saturday in Tet: first match wins
        assertThat(b.programOn(LocalDate.of(2027, 2, 13))).isEqualTo("residential"); // Saturday
        assertThat(b.programOn(LocalDate.of(2027, 2, 15))).isEqualTo("main-road"); // Monday
        assertThat(s.calendarKeyOf("circuit-a")).isEqualTo("circuit-a");
        assertThat(s.calendarKeyOf("nowhere")).isEqualTo(Schedule.DEFAULT_CALENDAR);
        assertThat(s.calendarKeyOf(null)).isEqualTo(Schedule.DEFAULT_CALENDAR);
    }

    @Test
    void levelOutOfRangeNamesTheField() {
        String doc = Documents.sample(1).replace("\"level\": 50", "\"level\": 150");
        assertProblems(doc, "programs.residential.steps[1].level: must have a maximum value of 100");
    }

    @Test
    void badTimeNamesTheField() {
        String doc = Documents.sample(1).replace("\"at\": \"23:00\"", "\"at\": \"24:00\"");
        assertProblems(doc, "programs.residential.steps[1].at: \"24:00\" is not sunset, sunrise, dusk, dawn or a time"
                + " HH:MM (00:00-23:59)");
    }

    @Test
    void missingAndUnknownMembersAreNamedThemselves() {
        String doc = Documents.sample(1).replace("\"default\": {\"program\"", "\"fallback\": {\"program\"")
                .replace("\"offsetMinutes\": 10,", "\"offset\": 10,");
        assertProblems(doc, "default: is required", "fallback: is not a known field",
                "programs.residential.steps[0].offset: is not a known field");
    }

    @Test
    void unknownProgramIsNamedWithTheKnownOnes() {
        String doc = Documents.sample(1).replace("\"program\": \"main-road\"", "\"program\": \"highway\"");
        assertProblems(doc, "groups.circuit-b.program: unknown program \"highway\" (programs: main-road, residential,"
                + " tet)");
    }

    @Test
    void impossibleDatesAndReversedRangesAreNamed() {
        String doc = Documents.sample(1).replaceFirst("\"to\": \"2027-02-10\"", "\"to\": \"2027-02-01\"")
                .replace("\"weekdays\": [\"saturday\", \"sunday\"]", "\"dates\": [\"2027-02-30\"]");
        assertProblems(doc, "default.exceptions[0].to: 2027-02-01 is before from 2027-02-05",
                "groups.circuit-b.exceptions[1].dates[0]: not a date: 2027-02-30");
    }

    @Test
    void badProgramNameAndDateShapeAreSaidInWords() {
        String doc = Documents.sample(1).replace("\"programs\": {", "\"programs\": {\"bad name!\": {\"steps\": []},")
                .replace("\"2027-02-05\"", "\"5 Feb\"");
        assertProblems(doc, "programs: property 'bad name!' name is not valid",
                "programs.bad name!.steps: must have at least 1 items",
                "default.exceptions[0].from: \"5 Feb\" is not a date YYYY-MM-DD");
    }

    @Test
    void exceptionWithoutAnyConditionIsRefused() {
        String doc = Documents.sample(1).replace(
                "{\"name\": \"weekend\", \"weekdays\": [\"saturday\", \"sunday\"], \"program\": \"residential\"}",
                "{\"name\": \"always\", \"program\": \"residential\"}");
        assertProblems(doc, "groups.circuit-b.exceptions[1]: needs from and to, dates or weekdays");
    }

    @Test
    void fromWithoutToIsRefused() {
        String doc = Documents.sample(1).replaceFirst(", \"to\": \"2027-02-10\"", "");
        assertProblems(doc, "default.exceptions[0]: has a missing property 'to'");
    }

    @Test
    void wrongTypeAndVersionAreRefused() {
        String doc = Documents.sample(1).replace("\"type\": \"schedule\"", "\"type\": \"ruleset\"")
                .replace("\"version\": 1", "\"version\": \"one\"");
        assertProblems(doc, "type:", "version:");
    }

    @Test
    void duplicateMembersAreRefusedRatherThanOneSilentlyWinning() {
        String doc = Documents.sample(1).replace("\"tet\": {\"steps\"", "\"residential\": {\"steps\"");
        assertProblems(doc, "(document): not JSON: Duplicate field 'residential'");
    }

    @Test
    void nonJsonAndEmptyAndHugeAreRefused() {
        assertProblems("{\"type\": \"schedule\", ", "(document): not JSON");
        assertProblems("   ", "(document): is empty");
        assertProblems("[1, 2]", "(document):");
        assertProblems(" ".repeat(ScheduleParser.MAX_BYTES) + "{}", "(document): larger than");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        String doc = Documents.sample(1).replace("\"level\": 50", "\"level\": -1")
                .replace("\"level\": 30", "\"level\": 101");
        InvalidScheduleException e = invalid(doc);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("steps[1].level").contains("steps[2].level");
    }

    private static void assertProblems(String doc, String... expectedStarts) {
        List<String> problems = invalid(doc).problems();
        for (String expected : expectedStarts) {
            assertThat(problems).as("problems %s", problems).anySatisfy(p -> assertThat(p).startsWith(expected));
        }
    }

    private static InvalidScheduleException invalid(String doc) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ScheduleParser.parse(doc));
        assertThat(t).isInstanceOf(InvalidScheduleException.class);
        return (InvalidScheduleException) t;
    }

    @Test
    void builtinScheduleIsAValidScheduleOfVersionZero() {
        Schedule s = BuiltinSchedule.standard();
        assertThat(s.version()).isZero();
        assertThat(s.program(BuiltinSchedule.PROGRAM).steps()).extracting(Step::level).containsExactly(100, 50, 0);
        assertThatThrownBy(() -> s.program("nope")).isInstanceOf(IllegalStateException.class);
    }
}
