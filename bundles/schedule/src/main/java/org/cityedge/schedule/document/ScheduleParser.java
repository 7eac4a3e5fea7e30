package org.cityedge.schedule.document;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a schedule document: JSON syntax (duplicate members refused), the JSON Schema, then what a schema cannot
 * say (programs referenced exist, real dates, ranges in order). Every problem names its field.
 */
public final class ScheduleParser {

    /** Larger documents are refused before parsing: 64 programs of 48 steps fit in a fraction of this. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ScheduleParser() {
    }

    /** Parses and validates; the schedule runs as {@code version} (the version inside the signed document). */
    public static Schedule parse(String json) throws InvalidScheduleException {
        JsonNode root = readTree(json);
        List<String> problems = new ArrayList<>(SchemaCheck.problems(root));
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(problems);
        }
        return new Reader(root).read();
    }

    private static JsonNode readTree(String json) throws InvalidScheduleException {
        if (json == null || json.isBlank()) {
            throw new InvalidScheduleException(List.of("(document): is empty"));
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidScheduleException(List.of("(document): larger than " + MAX_BYTES + " bytes"));
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new InvalidScheduleException(List.of("(document): not JSON: " + e.getOriginalMessage() + where));
        }
    }

    /** Builds the model from a tree that passed the schema, collecting semantic problems. */
    private static final class Reader {

        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> programNames = new HashSet<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        Schedule read() throws InvalidScheduleException {
            Map<String, Program> programs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.get("programs").properties()) {
                programNames.add(e.getKey());
                programs.put(e.getKey(), program(e.getKey(), e.getValue()));
            }
            ProgramCalendar defaultCalendar = calendar("default", root.get("default"));
            Map<String, ProgramCalendar> groups = new LinkedHashMap<>();
            JsonNode groupsNode = root.path("groups");
            for (Map.Entry<String, JsonNode> e : groupsNode.properties()) {
                groups.put(e.getKey(), calendar("groups." + e.getKey(), e.getValue()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidScheduleException(problems);
            }
            return new Schedule(root.get("version").asLong(), programs, defaultCalendar, groups);
        }

        private Program program(String name, JsonNode node) {
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : node.get("steps")) {
                steps.add(step(s));
            }
            return new Program(name, steps);
        }

        private static Step step(JsonNode s) {
            String at = s.get("at").asText();
            int offset = s.path("offsetMinutes").asInt(0);
            int level = s.get("level").asInt();
            if (at.contains(":")) {
                return new Step(Anchor.TIME, LocalTime.parse(at), offset, level);
            }
            return Step.at(Anchor.valueOf(at.toUpperCase(Locale.ROOT)), offset, level);
        }

        private ProgramCalendar calendar(String field, JsonNode node) {
            String program = programRef(field + ".program", node.get("program"));
            List<CalendarException> exceptions = new ArrayList<>();
            JsonNode list = node.path("exceptions");
            for (int i = 0; i < list.size(); i++) {
                CalendarException e = exception(field + ".exceptions[" + i + "]", list.get(i));
                if (e != null) {
                    exceptions.add(e);
                }
            }
            return new ProgramCalendar(program, exceptions);
        }

        private CalendarException exception(String field, JsonNode node) {
            int before = problems.size();
            String program = programRef(field + ".program", node.get("program"));
            LocalDate from = date(field + ".from", node.get("from"));
            LocalDate to = date(field + ".to", node.get("to"));
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(field + ".to: " + to + " is before from " + from);
            }
            Set<LocalDate> dates = new HashSet<>();
            JsonNode list = node.path("dates");
            for (int i = 0; i < list.size(); i++) {
                LocalDate d = date(field + ".dates[" + i + "]", list.get(i));
                if (d != null) {
                    dates.add(d);
                }
            }
            Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
            for (JsonNode w : node.path("weekdays")) {
                weekdays.add(DayOfWeek.valueOf(w.asText().toUpperCase(Locale.ROOT)));
            }
            if (problems.size() > before) {
                return null;
            }
            return new CalendarException(node.path("name").asText(""), program, from, to, dates, weekdays);
        }

        private String programRef(String field, JsonNode node) {
            String name = node.asText();
            if (!programNames.contains(name)) {
                problems.add(field + ": unknown program \"" + name + "\" (programs: "
                        + String.join(", ", new TreeSet<>(programNames)) + ")");
            }
            return name;
        }

        private LocalDate date(String field, JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            try {
                return LocalDate.parse(node.asText());
            } catch (DateTimeException e) {
                problems.add(field + ": not a date: " + node.asText());
                return null;
            }
        }
    }
}
