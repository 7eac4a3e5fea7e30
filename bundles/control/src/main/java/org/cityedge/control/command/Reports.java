package org.cityedge.control.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.PlanStep;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.Json;

/** status and config: answered from the gateway's own state, whatever the uplink's. */
final class Reports {

    private Reports() {
    }

    /** Effective claims and health per device, active policy versions, command counters. */
    static ObjectNode status(ControlServices s, List<DeviceDefinition> devices, CommandCounters counters,
            long journalEntries) {
        ObjectNode data = Json.object();
        SiteService site = s.site();
        if (site != null) {
            data.put("site", site.site().site());
            data.put("gatewayId", site.site().gatewayId());
        }
        Map<String, DeviceHealth> health = s.fields().health().stream()
                .collect(Collectors.toMap(DeviceHealth::deviceId, Function.identity(), (a, b) -> a));
        PointControl control = s.pointControl();
        ArrayNode list = data.putArray("devices");
        for (DeviceDefinition d : devices) {
            ObjectNode device = list.addObject();
            device.put("id", d.id());
            DeviceHealth h = health.get(d.id());
            device.put("state", h == null ? "UNSERVED" : h.state().name());
            if (h != null) {
                device.put("lastSeen", h.lastSeen());
                device.put("responseMicros", h.responseMicros());
                device.put("polls", h.polls());
                ObjectNode errors = device.putObject("errors");
                h.errors().forEach(errors::put);
            }
            ArrayNode claims = device.putArray("claims");
            if (control != null) {
                control.claims(d.id()).forEach(c -> claims.add(claim(c)));
            }
        }
        ObjectNode policies = data.putObject("policies");
        for (PolicyDocumentHandler h : s.policyHandlers()) {
            try {
                policies.put(h.type(), h.activeVersion());
            } catch (RuntimeException e) {
                // a failing handler shows as unknown rather than hiding the rest of the status
            }
        }
        ObjectNode commands = counters.toJson();
        commands.put("journalEntries", journalEntries);
        data.set("commands", commands);
        return data;
    }

    private static ObjectNode claim(PointClaim c) {
        ObjectNode json = Json.object();
        json.put("point", c.point());
        Json.putValue(json, "value", c.value());
        json.put("source", c.source().name());
        json.put("owner", c.owner());
        if (c.until() == Long.MAX_VALUE) {
            json.putNull("until");
        } else {
            json.put("until", c.until());
        }
        return json;
    }

    /** At most this many steps in a plan reply, so a week of a large site stays within one MQTT message. */
    static final int MAX_PLAN_STEPS = 5_000;

    /**
     * The schedule's plan from {@code from} over {@code hours}, for the given devices (null: all), as
     * {@code {from, hours, steps:[{at, device, point, value, source, reason}], truncated}}.
     */
    static ObjectNode plan(DimmingPlan plan, long from, int hours, List<DeviceDefinition> devices) {
        java.util.Set<String> wanted = devices == null ? null
                : devices.stream().map(DeviceDefinition::id).collect(Collectors.toSet());
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("from", from);
        data.put("hours", hours);
        ArrayNode steps = data.putArray("steps");
        boolean truncated = false;
        for (PlanStep step : plan.plan(from, hours)) {
            if (wanted != null && !wanted.contains(step.deviceId())) {
                continue;
            }
            if (steps.size() == MAX_PLAN_STEPS) {
                truncated = true;
                break;
            }
            ObjectNode n = steps.addObject();
            n.put("at", step.at());
            n.put("device", step.deviceId());
            n.put("point", step.point());
            Json.putValue(n, "value", step.value());
            n.put("source", step.source().name().toLowerCase(java.util.Locale.ROOT));
            n.put("reason", step.reason());
        }
        data.put("truncated", truncated);
        return data;
    }

    /** Site identity, devices with their writable points, groups. */
    static ObjectNode config(SiteService service) {
        Site site = service.site();
        ObjectNode data = Json.object();
        data.put("site", site.site());
        data.put("gatewayId", site.gatewayId());
        data.put("timezone", site.timezone());
        if (site.location() == null) {
            data.putNull("location");
        } else {
            ObjectNode location = data.putObject("location");
            location.put("latitude", site.location().latitude());
            location.put("longitude", site.location().longitude());
        }
        ArrayNode devices = data.putArray("devices");
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (DeviceDefinition d : site.devices()) {
            ObjectNode device = devices.addObject();
            device.put("id", d.id());
            device.put("name", d.name());
            device.put("profile", d.profile());
            DeviceProfile profile = service.profiles().get(d.profile());
            if (profile != null) {
                device.put("kind", profile.kind().name());
                ArrayNode writable = device.putArray("writable");
                profile.points().stream().filter(PointDefinition::writable).forEach(p -> writable.add(p.name()));
            }
            device.put("bus", d.bus());
            if (d.group() == null) {
                device.putNull("group");
            } else {
                device.put("group", d.group());
                groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d.id());
            }
        }
        ObjectNode groupNode = data.putObject("groups");
        groups.forEach((g, ids) -> {
            ArrayNode members = groupNode.putArray(g);
            ids.forEach(members::add);
        });
        return data;
    }
}
