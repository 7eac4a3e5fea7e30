package org.cityedge.bench;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;

/**
 * A sample sink that counts, while switched on, the GOOD samples delivered and the polls that delivered anything
 * else (a failed request turns its points STALE or BAD). Cheap: it runs on the engine's threads.
 */
final class SampleTally implements SampleSink {

    private final LongAdder goodPoints = new LongAdder();
    private final LongAdder goodPolls = new LongAdder();
    private final LongAdder failedPolls = new LongAdder();
    private volatile boolean counting;

    void counting(boolean on) {
        counting = on;
    }

    @Override
    public void accept(List<Sample> samples) {
        if (!counting || samples.isEmpty()) {
            return;
        }
        for (Sample s : samples) {
            if (s.quality() != Quality.GOOD) {
                failedPolls.increment();
                return;
            }
        }
        goodPolls.increment();
        goodPoints.add(samples.size());
    }

    long goodPoints() {
        return goodPoints.sum();
    }

    long goodPolls() {
        return goodPolls.sum();
    }

    long failedPolls() {
        return failedPolls.sum();
    }
}
