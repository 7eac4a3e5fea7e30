package org.cityedge.rules.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An outbox that keeps what it is offered. */
public final class FakeOutbox implements Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<OutboundMessage> offered = new CopyOnWriteArrayList<>();

    @Override
    public boolean offer(OutboundMessage message) {
        offered.add(message);
        return true;
    }

    /** The payloads of the events offered, in order. */
    public List<JsonNode> events() {
        return offered.stream().map(m -> {
            try {
                return JSON.readTree(m.json());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + m.json(), e);
            }
        }).toList();
    }

    /** Events of one name, as "state" strings: raised, cleared, info. */
    public List<String> states(String device, String event) {
        return events().stream().filter(e -> e.path("device").asText().equals(device)
                && e.path("event").asText().equals(event)).map(e -> e.path("state").asText()).toList();
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
