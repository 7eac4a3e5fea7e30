package org.cityedge.control.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.FakeField;
import org.cityedge.control.testing.ManualTimers;
import org.cityedge.control.testing.RecordingOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread finishes a claim, and what a stop does to claims still in progress. */
class ArbiterThreadsTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final DemoSite SITE = DemoSite.load();

    private final FakeField field = new FakeField(Set.of("sl-001"));
    private final ExecutorService control = named("control");
    private final ExecutorService bus = named("bus");
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final PointArbiter arbiter = new PointArbiter(new FieldRouter(() -> List.of(field)), () -> SITE,
            new ArbiterSettings(10_000, 3, 60_000, 5_000), new ManualTimers(T0), control, () -> outbox);

    private static ExecutorService named(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() {
        arbiter.close();
        control.shutdownNow();
        bus.shutdownNow();
    }

    private CompletableFuture<ClaimResult> claim(long level, String owner) {
        return arbiter.claim(new PointClaim("sl-001", "dimLevel", level, ControlSource.RULE, owner, Long.MAX_VALUE))
                .toCompletableFuture();
    }

    private void awaitHeldWrites(int count) throws InterruptedException {
        for (int i = 0; i < 500 && field.heldCount() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(field.heldCount()).isEqualTo(count);
    }

    @Test
    void aWriteFinishedOnTheBusThreadCompletesTheClaimOnTheControlThread() throws Exception {
        field.hold(true);
        CompletableFuture<ClaimResult> placed = claim(40L, "r1");
        awaitHeldWrites(1);
        // registered before the write ends, so it runs on whichever thread completes the claim
        CompletableFuture<String> completedOn = placed.thenApply(r -> Thread.currentThread().getName());

        bus.execute(field::releaseOne);

        assertThat(completedOn.get(5, TimeUnit.SECONDS)).isEqualTo("control");
        assertThat(placed.join().write().ok()).isTrue();
    }

    @Test
    void stoppingCompletesTheStepsStillQueuedAsRefused() throws Exception {
        field.hold(true);
        CompletableFuture<ClaimResult> first = claim(40L, "r1");
        awaitHeldWrites(1);
        CompletableFuture<ClaimResult> queued = claim(60L, "r2"); // waits for the first write

        arbiter.close();
        control.shutdown();
        assertThat(control.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        bus.execute(field::releaseOne);

        assertThat(first.get(5, TimeUnit.SECONDS).write().ok()).isTrue();
        ClaimResult refused = queued.get(5, TimeUnit.SECONDS);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.write().error()).startsWith("claim refused").contains("stopping");
        assertThat(field.writes()).containsExactly("sl-001.dimLevel=40");
    }
}
