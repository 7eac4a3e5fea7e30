package org.cityedge.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class SystemTimersTest {

    @Test
    void closeLetsQueuedTasksRunSoTheirFuturesComplete() throws Exception {
        SystemTimers timers = new SystemTimers("timers-test");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        timers.execute(() -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        timers.execute(() -> queuedRan.set(true));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(timers::close, "closer");
        closer.start();
        boolean stopped = false;
        for (int i = 0; i < 500 && !stopped; i++) { // until close() has shut the executor
            try {
                timers.execute(() -> { });
                Thread.sleep(10);
            } catch (RejectedExecutionException e) {
                stopped = true;
            }
        }
        assertThat(stopped).isTrue();
        release.countDown();
        closer.join(5_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(queuedRan).isTrue();
    }
}
