package org.cityedge.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.site.Parity;
import org.cityedge.console.ManualClock;
import org.junit.jupiter.api.Test;

class ScanJobTest {

    /** A scan the test ends by hand. */
    static final class HandScan implements Scan {
        final CompletableFuture<ScanResult> result = new CompletableFuture<>();
        boolean cancelled;

        @Override
        public CompletionStage<ScanResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final ManualClock clock = new ManualClock(0);
    private final ScanRegistry registry = new ScanRegistry(clock, new SecureRandom());

    static FoundDevice found(int unit) {
        return new FoundDevice("rs485-1", unit, new LineSetting(9600, Parity.EVEN, 1), "saigon-slc-110",
                "device-identification", "Saigon Lighting Controls", "SLC-110", 12_000);
    }

    @Test
    void followsProgressFindsAndTheEnd() {
        HandScan scan = new HandScan();
        ScanJob job = registry.start("rs485-1", "rs485-1", 247, listener -> scan);

        clock.advance(3000);
        job.progress(10, 247, 2500, 59_000);
        job.found(found(3));
        ScanJob.View running = job.view();
        assertThat(running.state()).isEqualTo(ScanJob.State.RUNNING);
        assertThat(running.done()).isEqualTo(10);
        assertThat(running.total()).isEqualTo(247);
        assertThat(running.elapsedMs()).as("live, not the last report").isEqualTo(3000);
        assertThat(running.etaMs()).isEqualTo(59_000);
        assertThat(running.found()).extracting(FoundDevice::unitId).containsExactly(3);

        scan.result.complete(new Scan.ScanResult(List.of(found(1), found(3)), 247, 61_000, 240_000, false));
        ScanJob.View done = job.view();
        assertThat(done.state()).isEqualTo(ScanJob.State.DONE);
        assertThat(done.done()).isEqualTo(247);
        assertThat(done.elapsedMs()).isEqualTo(61_000);
        assertThat(done.etaMs()).isZero();
        assertThat(done.found()).extracting(FoundDevice::unitId).containsExactly(1, 3);
        assertThat(registry.get(job.id())).containsSame(job);
    }

    @Test
    void cancelAndFailureAreTheirOwnStates() {
        HandScan scan = new HandScan();
        ScanJob job = registry.start("rs485-1", "rs485-1", 247, listener -> scan);
        scan.result.complete(new Scan.ScanResult(List.of(), 20, 5000, 240_000, true));
        job.cancel(0);
        assertThat(scan.cancelled).isTrue();
        assertThat(job.view().state().label()).isEqualTo("cancelled");

        HandScan broken = new HandScan();
        ScanJob failed = registry.start("rs485-1", "rs485-1", 247, listener -> broken);
        broken.result.completeExceptionally(new java.io.IOException("port /dev/ttyUSB0 vanished"));
        assertThat(failed.view().state().label()).isEqualTo("failed");
        assertThat(failed.view().error()).isEqualTo("port /dev/ttyUSB0 vanished");
    }

    @Test
    void keepsAFewScansForgetsFinishedOnesFirstAndRefusesWhenAllAreRunning() {
        HandScan first = new HandScan();
        ScanJob oldest = registry.start("bus-0", "bus-0", 10, listener -> first);
        for (int i = 1; i < ScanRegistry.MAX_SCANS; i++) {
            registry.start("bus-" + i, "bus-" + i, 10, listener -> new HandScan());
        }
        assertThatThrownBy(() -> registry.start("bus-x", "bus-x", 10, listener -> new HandScan()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("running");

        first.result.complete(new Scan.ScanResult(List.of(), 10, 100, 1000, false));
        ScanJob next = registry.start("bus-x", "bus-x", 10, listener -> new HandScan());
        assertThat(registry.get(oldest.id())).isEmpty();
        assertThat(registry.get(next.id())).isPresent();

        ScanRegistry empty = new ScanRegistry(clock, new SecureRandom());
        assertThatThrownBy(() -> empty.start("bus-y", "bus-y", 10, listener -> {
            throw new IllegalArgumentException("bus-y is already being scanned");
        })).isInstanceOf(IllegalArgumentException.class);
        // the refused scan is not kept: eight new ones still fit
        for (int i = 0; i < ScanRegistry.MAX_SCANS; i++) {
            empty.start("bus-" + i, "bus-" + i, 10, listener -> new HandScan());
        }
    }
}
