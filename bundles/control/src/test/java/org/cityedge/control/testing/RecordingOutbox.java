package org.cityedge.control.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;

/** Keeps what is offered; the rest of the outbox is not needed by the control path. */
public final class RecordingOutbox implements Outbox {

    private final List<OutboundMessage> offered = new ArrayList<>();

    @Override
    public synchronized boolean offer(OutboundMessage message) {
        offered.add(message);
        return true;
    }

    public synchronized List<OutboundMessage> offered() {
        return List.copyOf(offered);
    }

    @Override
    public CompletionStage<Long> flush() {
        return CompletableFuture.completedFuture(0L);
    }

    @Override
    public List<BufferedMessage> lease(int max, long waitMillis) {
        return List.of();
    }

    @Override
    public void acknowledge(long seq) {
    }

    @Override
    public void rewind() {
    }

    @Override
    public long lastSequence() {
        return 0;
    }

    @Override
    public BufferStatus status() {
        throw new UnsupportedOperationException();
    }
}
