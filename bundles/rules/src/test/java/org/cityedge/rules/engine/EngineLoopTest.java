package org.cityedge.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.Test;

/** The engine's thread: pollers never wait, a full queue drops and counts, tasks run on the engine thread. */
class EngineLoopTest {

    private static List<Sample> batch(int i) {
        return List.of(Sample.good("sl-001", "current", 0.1 * i, "A", i));
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingThePoller() throws Exception {
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, EngineSettings.DEFAULTS);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (EngineLoop loop = new EngineLoop(engine, 20, 1000)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> task = caller.submit(() -> loop.call(e -> {
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
                return Thread.currentThread().getName();
            }));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            int accepted = 0;
            for (int i = 0; i < 25; i++) {
                accepted += loop.offer(batch(i)) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(20);
            assertThat(engine.stats().snapshot().batchesDropped()).isEqualTo(5);
            release.countDown();
            assertThat(task.get(10, TimeUnit.SECONDS)).isEqualTo("cityedge-rules");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (loop.queued() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long batches = loop.call(e -> e.stats().snapshot().batches());
            int points = loop.call(RuleEngine::pointCount);
            assertThat(batches).isEqualTo(20);
            assertThat(points).isEqualTo(1);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aTaskFailingOnTheEngineThreadReachesItsCallerAndTheLoopGoesOn() throws Exception {
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, EngineSettings.DEFAULTS);
        try (EngineLoop loop = new EngineLoop(engine, 10, 1000)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.call(e -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(loop.offer(batch(1))).isTrue();
            int points = loop.call(RuleEngine::pointCount);
            assertThat(points).isEqualTo(1);
        }
    }

    @Test
    void aPostedChangeNeitherWaitsNorIsDroppedAndRunsBeforeWaitingBatches() throws Exception {
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, EngineSettings.DEFAULTS);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (EngineLoop loop = new EngineLoop(engine, 20, 1000)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> busy = caller.submit(() -> loop.call(e -> {
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 25; i++) {
                loop.offer(batch(i));   // the queue is full: the engine is behind
            }
            List<Long> batchesSeenByChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch ran = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                loop.post(e -> {
                    batchesSeenByChanges.add(e.stats().snapshot().batches());
                    ran.countDown();
                });
            }
            assertThat(ran.getCount()).as("post returned while the engine thread is still blocked").isEqualTo(2);
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("no change dropped").isTrue();
            assertThat(batchesSeenByChanges).as("ahead of the waiting batches").containsExactly(0L, 0L);
            long batches = loop.call(e -> e.stats().snapshot().batches());
            assertThat(batches).isEqualTo(20);
        } finally {
            caller.shutdownNow();
        }
    }
}
