package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.control.testing.MqttSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable journal: repeats recognised across a restart of the handler, bounded by age, count and size. */
class JournalTest {

    @TempDir
    Path dir;

    private final Harness h = new Harness();

    private CommandService handlerOn(Path file) throws Exception {
        return new CommandService(h, SqliteJournal.open(file, JournalLimits.DEFAULTS, h.timers::now),
                CommandSettings.DEFAULTS, h.timers::now);
    }

    private static JsonNode send(CommandService service, String json) throws Exception {
        String reply = service.handle(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Harness.T0)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return MqttSchemas.assertValidReply(reply);
    }

    @Test
    void aRepeatAfterARestartIsAnsweredFromTheJournalAndNotExecuted() throws Exception {
        Path file = dir.resolve("control/commands.db");
        CommandService before = handlerOn(file);
        JsonNode first = send(before, "{'id':'c-1','action':'dim','target':{'group':'circuit-a'},'level':40}");
        before.close();
        assertThat(h.field.writes()).hasSize(4);

        h.field.set("sl-001", "dimLevel", 100L);
        CommandService after = handlerOn(file);
        JsonNode repeat = send(after, "{'id':'c-1','action':'dim','target':{'group':'circuit-a'},'level':40}");
        assertThat(repeat.get("repeated").asBoolean()).isTrue();
        assertThat(repeat.get("results")).isEqualTo(first.get("results"));
        assertThat(h.field.writes()).hasSize(4);
        assertThat(h.field.value("sl-001", "dimLevel")).isEqualTo(100L);

        JsonNode fresh = send(after, "{'id':'c-2','action':'dim','target':{'device':'sl-001'},'level':40}");
        assertThat(fresh.has("repeated")).isFalse();
        after.close();
    }

    @Test
    void iocOverridesInForceHoldAcrossARestartUntilTheirEnd() throws Exception {
        Path file = dir.resolve("control/commands.db");
        CommandService before = new CommandService(h, SqliteJournal.open(file, JournalLimits.DEFAULTS,
                h.timers::now), SqliteOverrides.open(file), CommandSettings.DEFAULTS, h.timers::now);
        send(before, "{'id':'c-5','action':'override','target':{'device':'sl-001'},'level':40,'on':true,"
                + "'durationS':3600}");
        send(before, "{'id':'c-6','action':'dim','target':{'device':'sl-002'},'level':50,'durationS':60}");
        send(before, "{'id':'c-7','action':'dim','target':{'device':'sl-003'},'level':60}");
        send(before, "{'id':'c-8','action':'resume','target':{'device':'sl-003'}}");
        send(before, "{'id':'c-9','action':'dim','target':{'device':'sl-004'},'level':70}");
        send(before, "{'id':'c-10','action':'dim','target':{'device':'sl-004'},'level':80,'durationS':600}");
        before.close();

        Harness restarted = new Harness(); // a new arbiter knows no claims; the lamps kept what they had
        restarted.timers.advance(120_000);
        CommandService after = new CommandService(restarted, SqliteJournal.open(file, JournalLimits.DEFAULTS,
                restarted.timers::now), SqliteOverrides.open(file), CommandSettings.DEFAULTS, restarted.timers::now);
        after.restoreOverrides(restarted.arbiter);

        assertThat(restarted.arbiter.claims("sl-001")).extracting(c -> c.point() + "=" + c.value() + " " + c.owner())
                .containsExactlyInAnyOrder("dimLevel=40 ioc:c-5", "powerState=true ioc:c-5");
        assertThat(restarted.arbiter.claims("sl-001").get(0).until()).isEqualTo(Harness.T0 + 3600_000);
        assertThat(restarted.field.value("sl-001", "dimLevel")).isEqualTo(40L);
        assertThat(restarted.arbiter.claims("sl-002")).isEmpty(); // ended while the gateway was down
        assertThat(restarted.arbiter.claims("sl-003")).isEmpty(); // resumed before
        assertThat(restarted.arbiter.claims("sl-004")).extracting(c -> c.owner()).containsExactly("ioc:c-10");
        restarted.timers.advance(3600_000);
        assertThat(restarted.arbiter.claims("sl-001")).isEmpty();
        after.close();
    }

    @Test
    void aCommandCutShortByAStopIsAnsweredInterruptedAndNotRunAgain() throws Exception {
        Path file = dir.resolve("commands.db");
        try (SqliteJournal journal = SqliteJournal.open(file, JournalLimits.DEFAULTS, h.timers::now)) {
            journal.begin("c-3", Harness.T0); // the gateway lost power while c-3 ran
        }
        CommandService after = handlerOn(file);
        JsonNode reply = send(after, "{'id':'c-3','action':'dim','target':{'device':'sl-002'},'level':40}");
        assertThat(reply.get("status").asText()).isEqualTo("error");
        assertThat(reply.get("error").get("code").asText()).isEqualTo("interrupted");
        assertThat(h.field.writes()).isEmpty();
        JsonNode again = send(after, "{'id':'c-3','action':'dim','target':{'device':'sl-002'},'level':40}");
        assertThat(again.get("error")).isEqualTo(reply.get("error"));
        after.close();
    }

    @Test
    void theJournalKeepsTheNewestEntriesWithinItsCountAgeAndSize() throws Exception {
        AtomicLong now = new AtomicLong(Harness.T0);
        JournalLimits limits = new JournalLimits(100, 3600_000, 1024 * 1024);
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("count.db"), limits, now::get)) {
            for (int i = 0; i < 250; i++) {
                journal.complete("id-" + i, now.get(), "{\"id\":\"id-" + i + "\"}");
            }
            journal.prune();
            assertThat(journal.size()).isEqualTo(100);
            assertThat(journal.find("id-149")).isEmpty();
            assertThat(journal.find("id-150")).isPresent();
            assertThat(journal.find("id-249").orElseThrow().reply()).isEqualTo("{\"id\":\"id-249\"}");

            now.addAndGet(3600_001);
            journal.complete("late", now.get(), "{}");
            journal.prune();
            assertThat(journal.size()).isEqualTo(1);
        }
        String big = "{\"pad\":\"" + "x".repeat(1000) + "\"}";
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("size.db"), new JournalLimits(1000, 3600_000,
                10_240), now::get)) {
            for (int i = 0; i < 30; i++) {
                journal.complete("big-" + i, now.get(), big);
            }
            journal.prune();
            assertThat(journal.size()).isBetween(9L, 10L);
            assertThat(journal.find("big-29")).isPresent();
            assertThat(journal.find("big-0")).isEmpty();
        }
    }

    @Test
    void aDamagedJournalFileIsMovedAsideAndAFreshOneStarted() throws Exception {
        Path file = dir.resolve("commands.db");
        Files.write(file, "this is not a database, it is a power cut".repeat(200).getBytes());
        try (SqliteJournal journal = SqliteJournal.open(file, JournalLimits.DEFAULTS, h.timers::now)) {
            journal.complete("c-4", Harness.T0, "{}");
            assertThat(journal.find("c-4")).isPresent();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("commands.db.corrupt-"));
        }
    }

    private static PointClaim override(String device, String owner, long until) {
        return new PointClaim(device, "dimLevel", 40L, ControlSource.OVERRIDE, owner, until);
    }

    @Test
    void placingAnOverrideDropsTheRowsOfOverridesThatHaveEnded() throws Exception {
        Path file = dir.resolve("control/commands.db");
        AtomicLong now = new AtomicLong(Harness.T0);
        SqliteJournal.open(file, JournalLimits.DEFAULTS, now::get).close();
        try (SqliteOverrides store = SqliteOverrides.open(file, now::get)) {
            store.placed(override("sl-001", "ioc:c-1", Harness.T0 + 60_000));
            store.placed(override("sl-002", "ioc:c-2", Harness.T0 + 600_000));
            now.addAndGet(120_000); // c-1 has ended by itself; nobody released it
            store.placed(override("sl-003", "ioc:c-3", Harness.T0 + 600_000));
        }
        List<String> rows = new ArrayList<>();
        try (Connection db = SqliteJournal.connect(file); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT owner FROM override ORDER BY owner")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        assertThat(rows).containsExactly("ioc:c-2", "ioc:c-3");
    }
}
