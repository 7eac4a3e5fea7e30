package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command writes the override store once, whatever the number of lamps it sets (one flush, not two per point). */
class OverrideStoreBatchTest {

    @TempDir
    Path dir;

    /** Notes every call: "update placed=[...] released=[...]", or "placed"/"released" for single writes. */
    private static final class RecordingStore implements OverrideStore {
        final List<String> calls = new ArrayList<>();

        @Override
        public void placed(PointClaim claim) {
            calls.add("placed " + claim.owner());
        }

        @Override
        public void released(String deviceId, String point, String owner) {
            calls.add("released " + owner);
        }

        @Override
        public void update(List<PointClaim> placed, List<PointClaim> released) {
            calls.add("update placed=" + describe(placed) + " released=" + describe(released));
        }

        private static List<String> describe(List<PointClaim> claims) {
            return claims.stream().map(c -> c.deviceId() + "." + c.point() + " " + c.owner()).sorted().toList();
        }

        @Override
        public List<PointClaim> live(long now) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aGroupCommandPlacesAndReplacesItsOverridesInOneStoreWrite() {
        Harness h = new Harness();
        RecordingStore store = new RecordingStore();
        h.service = new CommandService(h, new MemoryJournal(100), store, CommandSettings.DEFAULTS, h.timers::now);

        h.send("{\"id\":\"g-1\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-a\"},\"level\":30}");
        h.send("{\"id\":\"g-2\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-a\"},\"level\":60}");
        h.send("{\"id\":\"g-3\",\"action\":\"resume\",\"target\":{\"group\":\"circuit-a\"}}");

        List<String> lamps = List.of("sl-001", "sl-002", "sl-003", "sl-004");
        assertThat(store.calls).containsExactly(
                "update placed=" + points(lamps, "g-1") + " released=[]",
                "update placed=" + points(lamps, "g-2") + " released=" + points(lamps, "g-1"),
                "update placed=[] released=" + points(lamps, "g-2"));
        assertThat(h.field.value("sl-004", "dimLevel")).isEqualTo(60L);
    }

    private static List<String> points(List<String> lamps, String command) {
        return lamps.stream().map(id -> id + ".dimLevel ioc:" + command).toList();
    }

    @Test
    void sqliteUpdateKeepsThePlacedDropsTheReleasedAndTheEnded() throws Exception {
        Path file = dir.resolve("control/commands.db");
        AtomicLong now = new AtomicLong(Harness.T0);
        SqliteJournal.open(file, JournalLimits.DEFAULTS, now::get).close();
        try (SqliteOverrides store = SqliteOverrides.open(file, now::get)) {
            store.update(List.of(dim("sl-001", "ioc:c-1", 60_000), dim("sl-002", "ioc:c-1", 600_000),
                    dim("sl-003", "ioc:c-0", 600_000)), List.of());
            now.addAndGet(120_000); // sl-001's override has ended by itself
            store.update(List.of(dim("sl-002", "ioc:c-2", 600_000), dim("sl-004", "ioc:c-2", 600_000)),
                    List.of(dim("sl-002", "ioc:c-1", 600_000)));
            store.update(List.of(), List.of());

            assertThat(store.live(now.get())).extracting(c -> c.deviceId() + " " + c.owner())
                    .containsExactlyInAnyOrder("sl-002 ioc:c-2", "sl-003 ioc:c-0", "sl-004 ioc:c-2");
        }
        assertThat(rows(file)).isEqualTo(3);
    }

    private static PointClaim dim(String device, String owner, long forMs) {
        return new PointClaim(device, "dimLevel", 40L, ControlSource.OVERRIDE, owner, Harness.T0 + forMs);
    }

    private static int rows(Path file) throws Exception {
        try (Connection db = SqliteJournal.connect(file); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM override")) {
            return r.next() ? r.getInt(1) : -1;
        }
    }
}
