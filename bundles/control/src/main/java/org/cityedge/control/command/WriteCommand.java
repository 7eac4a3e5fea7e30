package org.cityedge.control.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.Json;
import org.cityedge.control.Values;
import org.cityedge.control.command.CommandRequest.Target;

/**
 * dim, switch, override and resume. Every write is an IOC override claim on the arbiter, owned by
 * {@code ioc:<command id>}: the latest IOC command on a point replaces the earlier ones, and when the claim ends the
 * point goes back to rules and schedule. Everything is checked before the first claim is placed.
 */
final class WriteCommand {

    static final String OWNER_PREFIX = "ioc:";

    /** One point to set on one device; {@code field} is the request field the value came from. */
    record PointWrite(String point, Object value, String field) {
    }

    record DevicePlan(DeviceDefinition device, List<PointWrite> writes) {
    }

    /** The devices to write, and the group members that lack the action's points. */
    record Plan(List<DevicePlan> devices, List<String> skipped) {
    }

    private WriteCommand() {
    }

    /** Checks every target and value; refuses the whole command at the first problem. */
    static Plan plan(SiteService site, CommandRequest req) throws CommandRefused {
        Target target = req.target();
        List<DeviceDefinition> devices = Targets.resolve(site, target);
        List<DevicePlan> plans = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DeviceDefinition d : devices) {
            List<PointWrite> writes = new ArrayList<>();
            String missing = null;
            if (req.level() != null) {
                if (Targets.writable(site, d, Targets.DIM_POINT).isPresent()) {
                    writes.add(new PointWrite(Targets.DIM_POINT, req.level(), "/level"));
                } else {
                    missing = "has no writable " + Targets.DIM_POINT;
                }
            }
            if (req.on() != null) {
                Optional<String> relay = Targets.switchPoint(site, d);
                if (relay.isPresent()) {
                    writes.add(new PointWrite(relay.get(), req.on(), "/on"));
                } else {
                    missing = "has neither a writable " + Targets.LAMP_RELAY + " nor " + Targets.CONTACTOR;
                }
            }
            if (missing != null) {
                if (target.kind() == Target.Kind.DEVICE) {
                    throw new CommandRefused("unsupported-action", "device " + d.id() + " (" + d.profile() + ") "
                            + missing + ", so it cannot take " + req.action().wire, target.field());
                }
                skipped.add(d.id());
                continue;
            }
            for (PointWrite w : writes) {
                checkRange(site, d, w);
            }
            plans.add(new DevicePlan(d, writes));
        }
        if (plans.isEmpty()) {
            throw new CommandRefused("unsupported-action", "no device of " + (target.kind() == Target.Kind.ALL
                    ? "this gateway" : "group " + target.name()) + " can take " + req.action().wire + " (checked: "
                    + String.join(", ", skipped) + ")", target.field());
        }
        return new Plan(plans, skipped);
    }

    private static void checkRange(SiteService site, DeviceDefinition d, PointWrite w) throws CommandRefused {
        PointDefinition p = Targets.writable(site, d, w.point()).orElseThrow();
        if (w.value() instanceof Number n && !p.inRange(n.doubleValue())) {
            throw new CommandRefused("out-of-range", w.field().substring(1) + " " + n + " is outside the range of "
                    + w.point() + " of device " + d.id() + " (" + d.profile() + "): [" + bound(p.min()) + ", "
                    + bound(p.max()) + "]", w.field());
        }
    }

    private static String bound(Double b) {
        return b == null ? "-" : b == Math.rint(b) ? String.valueOf(b.longValue()) : String.valueOf(b);
    }

    /** What a command changes in the override store: written in one commit once every claim is placed. */
    private record StoreChanges(List<PointClaim> placed, List<PointClaim> released) {
        StoreChanges() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Places the claims; completes with one result per device, each within {@code deadlineMs}. The override store
     * is written once, after the last claim is placed (commands run one at a time).
     */
    static CompletableFuture<List<ObjectNode>> execute(PointControl control, OverrideStore kept, Plan plan,
            String commandId, long until, long deadlineMs) {
        String owner = OWNER_PREFIX + commandId;
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>();
        StoreChanges changes = new StoreChanges();
        for (DevicePlan dp : plan.devices()) {
            String id = dp.device().id();
            ObjectNode timedOut = Reply.deviceError(id, "timeout", "the device did not confirm within "
                    + deadlineMs / 1000 + " s; the override stays in place and is applied when the device answers");
            results.add(device(control, changes, dp, owner, until).completeOnTimeout(timedOut, deadlineMs,
                    TimeUnit.MILLISECONDS));
        }
        kept.update(changes.placed(), changes.released());
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(v -> results.stream().map(CompletableFuture::join).toList());
    }

    private static CompletableFuture<ObjectNode> device(PointControl control, StoreChanges changes, DevicePlan dp,
            String owner, long until) {
        String id = dp.device().id();
        List<CompletableFuture<ClaimResult>> claims = new ArrayList<>();
        for (PointWrite w : dp.writes()) {
            PointClaim claim = new PointClaim(id, w.point(), w.value(), ControlSource.OVERRIDE, owner, until);
            CompletableFuture<ClaimResult> placed;
            try {
                placed = control.claim(claim).toCompletableFuture();
                // here, not when the write ends: a slower earlier command must not release this one
                replaceEarlierIocClaims(control, changes, claim);
            } catch (RuntimeException e) {
                placed = CompletableFuture.failedFuture(e);
            }
            claims.add(placed);
        }
        return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new))
                .handle((v, e) -> result(dp, claims, until));
    }

    /**
     * The latest IOC command on a point replaces the earlier ones (which would otherwise return when it ends). Only
     * once the arbiter holds the new claim: a refused claim replaces nothing and is not kept.
     */
    private static void replaceEarlierIocClaims(PointControl control, StoreChanges changes, PointClaim placed) {
        List<PointClaim> held = control.claims(placed.deviceId()).stream()
                .filter(c -> c.source() == ControlSource.OVERRIDE && c.point().equals(placed.point())
                        && c.owner().startsWith(OWNER_PREFIX))
                .toList();
        if (held.stream().noneMatch(c -> c.owner().equals(placed.owner()))) {
            return;
        }
        changes.placed().add(placed);
        for (PointClaim c : held) {
            if (!c.owner().equals(placed.owner())) {
                control.release(c.deviceId(), c.point(), ControlSource.OVERRIDE, c.owner());
                changes.released().add(c);
            }
        }
    }

    private static ObjectNode result(DevicePlan dp, List<CompletableFuture<ClaimResult>> claims, long until) {
        String id = dp.device().id();
        ObjectNode values = Json.object();
        boolean effective = true;
        for (CompletableFuture<ClaimResult> f : claims) {
            if (f.isCompletedExceptionally()) {
                String why = f.handle((r, e) -> Values.rootMessage(e)).join();
                return Reply.deviceError(id, "write-failed", "the gateway could not place the override: " + why);
            }
            ClaimResult r = f.join();
            WriteResult w = r.write();
            if (w != null && !w.ok()) {
                return Reply.deviceError(id, failureCode(id, w.error()), w.error() + failureNote(w.error(), until));
            }
            effective &= r.effective();
            Object value = w != null && w.readBack() != null ? w.readBack() : r.claim().value();
            Json.putValue(values, r.claim().point(), value);
        }
        ObjectNode result = Reply.device(id, true);
        result.set("values", values);
        result.put("until", until);
        if (!effective) {
            result.put("effective", false);
        }
        return result;
    }

    private static String failureCode(String deviceId, String error) {
        if (FieldRouter.noDriver(deviceId).equals(error)) {
            return "no-driver";
        }
        return ClaimResult.isRefusal(error) ? "not-applied" : "write-failed";
    }

    private static String failureNote(String error, long until) {
        if (ClaimResult.isRefusal(error)) {
            return "";
        }
        return ". The override stays in place until " + Instant.ofEpochMilli(until)
                + " and is written again when the device reports another value";
    }

    /** resume: drops the IOC overrides of each device; rules and schedule (or the device default) take over. */
    static List<ObjectNode> resume(PointControl control, OverrideStore kept, List<DeviceDefinition> devices) {
        List<ObjectNode> results = new ArrayList<>();
        List<PointClaim> dropped = new ArrayList<>();
        for (DeviceDefinition d : devices) {
            int released = 0;
            for (PointClaim c : control.claims(d.id())) {
                if (c.source() == ControlSource.OVERRIDE && c.owner().startsWith(OWNER_PREFIX)) {
                    control.release(d.id(), c.point(), ControlSource.OVERRIDE, c.owner());
                    dropped.add(c);
                    released++;
                }
            }
            ObjectNode r = Reply.device(d.id(), true);
            r.put("released", released);
            results.add(r);
        }
        kept.update(List.of(), dropped);
        return results;
    }
}
