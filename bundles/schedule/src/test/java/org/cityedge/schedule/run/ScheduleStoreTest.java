package org.cityedge.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsTheDocumentBytesAndTheEnvelope() throws Exception {
        ScheduleStore store = new ScheduleStore(dir.resolve("schedule"));
        assertThat(store.load()).isEmpty();
        String document = "{\"type\":\"schedule\",\"version\":4,\"note\":\"Tết \\\"quotes\\\"\\n\"}";
        StoredSchedule s = new StoredSchedule(4, document, "{\"document\":\"e30=\",\"signature\":\"AA==\"}",
                Instant.parse("2027-02-01T10:00:00Z"));
        store.save(s);
        assertThat(new ScheduleStore(dir.resolve("schedule")).load()).contains(s);

        StoredSchedule newer = new StoredSchedule(5, "{}", null, Instant.parse("2027-02-02T10:00:00Z"));
        store.save(newer);
        assertThat(store.load()).contains(newer);
        try (var files = Files.list(dir.resolve("schedule"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("schedule.json");
        }
    }

    @Test
    void theFloorOutlivesACorruptScheduleAndAnUnreadableFloorCountsAsNone() throws Exception {
        ScheduleStore store = new ScheduleStore(dir);
        assertThat(store.floor()).isZero();
        store.save(new StoredSchedule(7, "{}", null, Instant.EPOCH));
        store.saveFloor(7);
        Files.writeString(dir.resolve("schedule.json"), "{\"format\":1,\"vers");
        assertThatThrownBy(store::load).isInstanceOf(ScheduleStore.CorruptStoreException.class);
        assertThat(new ScheduleStore(dir).floor()).isEqualTo(7);

        Files.writeString(dir.resolve("schedule.floor"), "seven");
        assertThat(store.floor()).isZero();
    }

    @Test
    void aSaveCutShortLeavesTheOldScheduleWhole() throws Exception {
        ScheduleStore store = new ScheduleStore(dir);
        StoredSchedule old = new StoredSchedule(1, "{\"old\":true}", null, Instant.EPOCH);
        store.save(old);
        // Power cut after the temporary file was written, before the rename.
        Files.writeString(dir.resolve("schedule.json.tmp"), "{\"format\":1,\"version\":2,\"docu");

        assertThat(store.load()).contains(old);
        assertThat(dir.resolve("schedule.json.tmp")).doesNotExist();
    }

    @Test
    void anUnreadableFileIsMovedAsideAndReported() throws Exception {
        Files.writeString(dir.resolve("schedule.json"), "{\"format\":1,\"version\":\"x\"}");
        ScheduleStore store = new ScheduleStore(dir);
        assertThatThrownBy(store::load).isInstanceOf(ScheduleStore.CorruptStoreException.class)
                .hasMessageContaining("moved to schedule.json.corrupt-");
        assertThat(store.load()).isEmpty();
    }
}
