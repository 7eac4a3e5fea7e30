package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a command's journal and override-store writes run, and two IOC commands racing on one point. */
class CommandThreadsAndOrderTest {

    private static final long HOUR = 3600_000L;

    private final Harness h = new Harness();
    private final ExecutorService bus = named("bus");
    private final ExecutorService commands = named("commands");
    private final List<String> storeThreads = new CopyOnWriteArrayList<>();
    private final List<String> journalThreads = new CopyOnWriteArrayList<>();
    private final Map<String, PointClaim> kept = new ConcurrentHashMap<>();

    private static ExecutorService named(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() {
        bus.shutdownNow();
        commands.shutdownNow();
    }

    /** An override store in memory that notes the thread of every write. */
    private final OverrideStore overrides = new OverrideStore() {
        @Override
        public void placed(PointClaim c) {
            storeThreads.add(Thread.currentThread().getName());
            kept.put(c.deviceId() + "." + c.point() + " " + c.owner(), c);
        }

        @Override
        public void released(String deviceId, String point, String owner) {
            storeThreads.add(Thread.currentThread().getName());
            kept.remove(deviceId + "." + point + " " + owner);
        }

        @Override
        public List<PointClaim> live(long now) {
            return new ArrayList<>(kept.values());
        }

        @Override
        public void close() {
        }
    };

    /** A journal in memory that notes the thread of every completion. */
    private final CommandJournal journal = new CommandJournal() {
        private final MemoryJournal memory = new MemoryJournal(100);

        @Override
        public Optional<Entry> find(String id) {
            return memory.find(id);
        }

        @Override
        public void begin(String id, long receivedAt) {
            memory.begin(id, receivedAt);
        }

        @Override
        public void complete(String id, long receivedAt, String reply) {
            journalThreads.add(Thread.currentThread().getName());
            memory.complete(id, receivedAt, reply);
        }

        @Override
        public long size() {
            return memory.size();
        }

        @Override
        public void close() {
        }
    };

    private CompletableFuture<String> handle(String json) {
        return h.service.handle(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), h.timers.now())
                .toCompletableFuture();
    }

    /** Completes the held writes one at a time on the bus thread, as a driver would, until none is left. */
    private void releaseHeldWritesOnTheBus() throws Exception {
        for (int i = 0; i < 100 && h.field.heldCount() > 0; i++) {
            bus.submit(h.field::releaseOne).get(5, TimeUnit.SECONDS);
        }
        assertThat(h.field.heldCount()).isZero();
    }

    @Test
    void journalAndOverrideStoreAreNotWrittenOnTheDriversBusThread() throws Exception {
        h.service = new CommandService(h, journal, overrides, new CommandSettings(8 * HOUR, 5_000), h.timers::now,
                commands);
        h.field.hold(true);

        CompletableFuture<String> reply = handle("{'id':'c-1','action':'dim','target':{'group':'circuit-a'},"
                + "'level':40}");
        releaseHeldWritesOnTheBus();

        assertThat(reply.get(5, TimeUnit.SECONDS)).contains("\"status\":\"ok\"");
        assertThat(journalThreads).containsExactly("commands");
        assertThat(storeThreads).hasSize(4).doesNotContain("bus");
    }

    @Test
    void anEarlierCommandFinishingLastLeavesTheLaterOneInForce() throws Exception {
        h.service = new CommandService(h, journal, overrides, new CommandSettings(8 * HOUR, 5_000), h.timers::now);
        h.field.hold(true);

        CompletableFuture<String> first = handle("{'id':'a','action':'dim','target':{'device':'sl-001'},'level':40}");
        CompletableFuture<String> second = handle("{'id':'b','action':'dim','target':{'device':'sl-001'},"
                + "'level':60}");
        releaseHeldWritesOnTheBus(); // the first command's write ends only now, after the second was placed

        first.get(5, TimeUnit.SECONDS);
        assertThat(second.get(5, TimeUnit.SECONDS)).contains("\"status\":\"ok\"");
        assertThat(h.arbiter.claims("sl-001")).extracting(c -> c.owner() + "=" + c.value())
                .containsExactly("ioc:b=60");
        assertThat(h.field.value("sl-001", "dimLevel")).isEqualTo(60L);
        assertThat(kept.values()).extracting(PointClaim::owner).containsExactly("ioc:b");
        assertThat(kept.values()).allMatch(c -> c.source() == ControlSource.OVERRIDE);
    }
}
