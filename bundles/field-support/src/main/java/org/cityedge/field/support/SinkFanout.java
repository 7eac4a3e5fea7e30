package org.cityedge.field.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whiteboard: every batch to every registered sink; a sink that throws is counted and the others still run. */
public final class SinkFanout implements SampleSink {

    private static final Logger LOG = LoggerFactory.getLogger(SinkFanout.class);

    private final List<SampleSink> sinks = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();

    public void add(SampleSink sink) {
        sinks.add(sink);
    }

    public void remove(SampleSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void accept(List<Sample> samples) {
        List<Sample> batch = List.copyOf(samples);
        for (SampleSink sink : sinks) {
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                failures.increment();
                if (Long.bitCount(failures.sum()) == 1) {
                    // 1st, 2nd, 4th, 8th ... failure: visible without flooding the log
                    LOG.warn("sample sink {} failed ({} failures so far)", sink.getClass().getName(), failures.sum(),
                            e);
                }
            }
        }
    }

    public long failures() {
        return failures.sum();
    }
}
