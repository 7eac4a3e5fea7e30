package org.cityedge.console.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenDemandTest {

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger changes = new AtomicInteger();

    private ListenDemand demand(Path wake) {
        ListenDemand d = new ListenDemand(now::get, wake, changes::incrementAndGet);
        d.configure(false, 30);
        return d;
    }

    @Test
    void onDemandItListensFromAWakeUpUntilTheIdleTimeWithoutRequests() {
        ListenDemand d = demand(dir.resolve("wake"));
        assertThat(d.listening()).isFalse();

        d.wake("door");
        assertThat(d.listening()).isTrue();
        assertThat(changes).hasValue(1);

        now.addAndGet(29 * 60_000);
        d.touch(); // a request: the technician is still there
        now.addAndGet(29 * 60_000);
        d.check();
        assertThat(d.listening()).as("58 min after the wake-up, 29 after the last request").isTrue();

        now.addAndGet(60_001);
        d.check();
        assertThat(d.listening()).isFalse();
        assertThat(changes).as("started once, stopped once").hasValue(2);
        d.check();
        assertThat(changes).as("stopping is reported once").hasValue(2);
    }

    @Test
    void touchingTheWakeFileWakesItButAFileFromBeforeTheStartDoesNot() throws Exception {
        Path wake = dir.resolve("wake");
        Files.writeString(wake, "");
        ListenDemand d = demand(wake);
        d.check();
        assertThat(d.listening()).as("the wake file was there before the start").isFalse();

        Files.setLastModifiedTime(wake, FileTime.fromMillis(Files.getLastModifiedTime(wake).toMillis() + 1_000));
        d.check();

        assertThat(d.listening()).isTrue();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aRequestArrivingWhileTheIdleTimeIsCheckedIsNotLost() {
        AtomicBoolean touchNow = new AtomicBoolean();
        AtomicReference<ListenDemand> demand = new AtomicReference<>();
        // the request lands between the check reading the idle deadline and reading the clock
        ListenDemand d = new ListenDemand(() -> {
            if (touchNow.getAndSet(false)) {
                demand.get().touch(); // at a time before the deadline: it extends it
                now.addAndGet(2); // the check's reading then lies past the old deadline
            }
            return now.get();
        }, dir.resolve("wake"), changes::incrementAndGet);
        demand.set(d);
        d.configure(false, 30);
        d.wake("door");
        now.addAndGet(30 * 60_000 - 1); // 1 ms before the idle time ends

        touchNow.set(true);
        d.check();

        assertThat(d.listening()).as("the request just made keeps it listening").isTrue();
        assertThat(changes).as("started, never stopped").hasValue(1);
    }

    @Test
    void aRequestWhileAsleepDoesNotWakeIt() {
        ListenDemand d = demand(dir.resolve("wake"));
        d.touch();
        assertThat(d.listening()).isFalse();
    }

    @Test
    void alwaysListensAndNeverStops() {
        ListenDemand d = demand(dir.resolve("wake"));
        d.configure(true, 1);
        assertThat(d.listening()).isTrue();
        now.addAndGet(24 * 3_600_000L);
        d.check();
        assertThat(d.listening()).isTrue();
        assertThat(changes).hasValue(0);
    }
}
