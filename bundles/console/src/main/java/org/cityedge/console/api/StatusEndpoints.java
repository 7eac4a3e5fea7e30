package org.cityedge.console.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.UplinkStatus;
import org.cityedge.console.http.Exchange;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Refusals;
import org.cityedge.console.http.Reply;
import org.cityedge.console.live.ReadingHistory;
import org.cityedge.console.security.ConsoleSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/status}: the gateway at a glance. Each part is gathered on its own: a service that is missing or
 * fails leaves a {@code problem} in its part, and the rest still shows.
 */
final class StatusEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoints.class);

    private final GatewayServices services;
    private final Refusals refusals;
    private final ConsoleSecurity security;
    private final ReadingHistory history;

    StatusEndpoints(GatewayServices services, Refusals refusals, ConsoleSecurity security, ReadingHistory history) {
        this.services = services;
        this.refusals = refusals;
        this.security = security;
        this.history = history;
    }

    Reply status(Exchange ex) {
        ObjectNode o = Json.object();
        o.set("identity", part("identity", this::identity));
        o.set("uplink", part("uplink", this::uplink));
        o.set("buffer", part("buffer", this::buffer));
        o.set("rules", part("rules", () -> version("ruleset")));
        o.set("schedule", part("schedule", () -> version("schedule")));
        o.set("devices", part("devices", this::devices));
        o.set("tls", part("tls", () -> services.provisioningIfRunning().map(p -> (JsonNode) Views.tls(p.tls()))
                .orElseGet(() -> problem("the provisioning service is not running"))));
        ObjectNode console = o.putObject("console").put("refusals", refusals.total());
        ObjectNode byStatus = console.putObject("refusalsByStatus");
        refusals.byStatus().forEach((status, n) -> byStatus.put(String.valueOf(status), n));
        console.put("sessions", security.sessions().size()).put("passwordSet", security.passwordSet())
                .put("pointsKept", history.points()).put("pointsRefused", history.refusedPoints());
        return Reply.ok(o);
    }

    private static JsonNode part(String name, Supplier<JsonNode> gather) {
        try {
            return gather.get();
        } catch (RuntimeException e) {
            LOG.warn("console: status: {} failed", name, e);
            return problem(name + " failed: " + e);
        }
    }

    private static ObjectNode problem(String message) {
        return Json.object().put("problem", message);
    }

    private JsonNode identity() {
        Optional<Identity> fromProvisioning = services.provisioningIfRunning().map(p -> p.identity());
        if (fromProvisioning.isPresent()) {
            return Views.identity(fromProvisioning.get());
        }
        Site s = services.site();
        return Views.identity(new Identity(s.site(), s.gatewayId(), s.location(), s.timezone()));
    }

    private JsonNode uplink() {
        Optional<UplinkStatus> status = services.uplinkMonitor().map(m -> m.status());
        if (status.isEmpty()) {
            return Json.object().put("state", LinkState.DISABLED.name()).putNull("broker")
                    .put("problem", "the uplink is not running").put("connectedSince", 0).put("published", 0);
        }
        UplinkStatus u = status.get();
        return Json.object().put("state", u.state().name()).put("broker", u.broker()).put("problem", u.problem())
                .put("connectedSince", u.connectedSince()).put("published", u.published());
    }

    private JsonNode buffer() {
        Optional<BufferStatus> status = services.outbox().map(b -> b.status());
        if (status.isEmpty()) {
            return Json.object().put("depth", 0).put("bytes", 0).put("quotaBytes", 0).put("oldestSampleTime", 0)
                    .put("droppedTotal", 0).put("problem", "the buffer is not running");
        }
        BufferStatus b = status.get();
        return Json.object().put("depth", b.depth()).put("bytes", b.bytes()).put("quotaBytes", b.quotaBytes())
                .put("oldestSampleTime", b.oldestSampleTime()).put("droppedTotal", b.droppedTotal())
                .put("problem", b.problem());
    }

    private JsonNode version(String type) {
        ObjectNode o = Json.object();
        Optional<Long> v = services.policyVersion(type);
        if (v.isPresent()) {
            o.put("version", v.get());
        } else {
            o.putNull("version").put("problem", "no " + type + " handler is running");
        }
        return o;
    }

    private JsonNode devices() {
        Map<String, DeviceHealth> health = health(services.drivers());
        ArrayNode list = Json.array();
        for (DeviceDefinition d : services.site().devices()) {
            DeviceHealth h = health.get(d.id());
            ObjectNode o = list.addObject().put("id", d.id()).put("name", d.name()).put("bus", d.bus())
                    .put("profile", d.profile()).put("state", (h == null ? DeviceState.UNKNOWN : h.state()).name())
                    .put("lastSeen", h == null ? 0 : h.lastSeen())
                    .put("responseMicros", h == null ? 0 : h.responseMicros());
            o.set("errors", Views.errors(h == null ? Map.of() : h.errors()));
        }
        return list;
    }

    /** Health of every device of every driver; a failing driver leaves its devices UNKNOWN. */
    static Map<String, DeviceHealth> health(List<FieldDevices> drivers) {
        Map<String, DeviceHealth> byId = new HashMap<>();
        for (FieldDevices d : drivers) {
            try {
                for (DeviceHealth h : d.health()) {
                    byId.put(h.deviceId(), h);
                }
            } catch (RuntimeException e) {
                LOG.warn("console: a driver's health failed: {}", e.toString());
            }
        }
        return byId;
    }
}
