package org.cityedge.cabinet.io.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cabinet's tamper alarm: the door open outside every maintenance window raises {@code doorOpen} on
 * {@code event/{device}} (docs/mqtt/event.schema.json, the shape the rules bundle publishes); closing the door
 * clears it. Inside a window the opening is only logged. A door left open past the end of its window raises then.
 *
 * <p>The state flips only once the outbox took the event: without an outbox, or with a full one, the event (with its
 * original time) stays pending and is offered again at every scan; one event pending at a time, so a raise and its
 * clear go out in order. With a state file a delivered raise survives a restart: the first closed reading after it
 * clears the alarm. Driven by the scan thread only.
 */
final class DoorAlarm {

    static final String EVENT = "doorOpen";
    private static final Logger LOG = LoggerFactory.getLogger(DoorAlarm.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Outbox> outbox;
    private final MaintenanceWindows windows;
    private final Path stateFile;
    private final AtomicLong delayed = new AtomicLong();
    private boolean raised;
    private boolean loggedInWindow;
    private boolean restored;
    private OutboundMessage pending;
    private boolean pendingRaises;
    private boolean pendingReported;

    /** @param stateFile where a delivered raise is remembered across restarts, or null (memory only) */
    DoorAlarm(Supplier<Outbox> outbox, MaintenanceWindows windows, Path stateFile) {
        this.outbox = outbox;
        this.windows = windows;
        this.stateFile = stateFile;
    }

    /** Feeds the debounced door state of the scan at {@code now}. */
    void evaluate(String deviceId, boolean open, long now, ZoneId zone) {
        if (!restored) {
            restored = true;
            raised = recordedRaise(deviceId);
        }
        if (pending != null && !offerPending(deviceId)) {
            return;
        }
        if (!open) {
            if (raised) {
                send(deviceId, false, "cabinet door closed", now);
            }
            loggedInWindow = false;
            return;
        }
        if (raised) {
            return;
        }
        if (windows.contains(Instant.ofEpochMilli(now), zone)) {
            if (!loggedInWindow) {
                LOG.info("cabinet I/O: door of {} open inside a maintenance window: no alarm", deviceId);
                loggedInWindow = true;
            }
            return;
        }
        send(deviceId, true, "cabinet door open outside the maintenance windows", now);
    }

    /** Forgets the alarm state (the device left the site). */
    void reset() {
        raised = false;
        loggedInWindow = false;
        restored = false;
        pending = null;
    }

    boolean raised() {
        return raised;
    }

    /** Events the outbox did not take at once (no outbox, or full): each is retried until it goes. */
    long delayed() {
        return delayed.get();
    }

    private void send(String deviceId, boolean raise, String reason, long now) {
        String json = json(deviceId, raise ? "raised" : "cleared", reason, raise, now);
        pending = OutboundMessage.of(MessageKind.EVENT, "event/" + deviceId, json, now);
        pendingRaises = raise;
        pendingReported = false;
        offerPending(deviceId);
    }

    /** Offers the pending event; true when the outbox took it (and the alarm state flipped). */
    private boolean offerPending(String deviceId) {
        Outbox o = outbox.get();
        boolean taken;
        try {
            taken = o != null && o.offer(pending);
        } catch (RuntimeException e) {
            taken = false;
        }
        if (!taken) {
            if (!pendingReported) {
                pendingReported = true;
                delayed.incrementAndGet();
                LOG.warn("cabinet I/O: tamper event not sent yet ({}), retried at every scan: {}",
                        o == null ? "no outbox" : "outbox full", pending.json());
            }
            return false;
        }
        pending = null;
        raised = pendingRaises;
        record(deviceId, raised);
        if (raised) {
            LOG.warn("cabinet I/O: tamper alarm raised on {}", deviceId);
        } else {
            LOG.info("cabinet I/O: tamper alarm cleared on {}", deviceId);
        }
        return true;
    }

    private boolean recordedRaise(String deviceId) {
        try {
            return stateFile != null && Files.exists(stateFile)
                    && Files.readString(stateFile, StandardCharsets.UTF_8).trim().equals(deviceId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cabinet I/O: tamper alarm state {} not readable: {}", stateFile, e.toString());
            return false;
        }
    }

    private void record(String deviceId, boolean raisedNow) {
        if (stateFile == null) {
            return;
        }
        try {
            if (raisedNow) {
                Files.writeString(stateFile, deviceId, StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(stateFile);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cabinet I/O: tamper alarm state {} not written: {}", stateFile, e.toString());
        }
    }

    static String json(String deviceId, String state, String reason, boolean value, long now) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", now);
        node.put("device", deviceId);
        node.put("event", EVENT);
        node.put("state", state);
        node.put("severity", "major");
        node.put("reason", reason);
        node.put("point", "doorOpen");
        node.put("value", value);
        return node.toString();
    }
}
