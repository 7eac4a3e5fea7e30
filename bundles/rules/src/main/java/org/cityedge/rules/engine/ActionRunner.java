package org.cityedge.rules.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;

import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.rules.document.RuleAction;
import org.cityedge.rules.engine.EventPublisher.State;

/**
 * Carries out a rule instance's transitions: claims and releases points, raises and clears alarms, publishes
 * events. Engine thread only.
 */
final class ActionRunner {

    private final ClaimKeeper claims;
    private final EventPublisher events;
    private final PointTable table;
    private Site site = Site.EMPTY;

    ActionRunner(ClaimKeeper claims, EventPublisher events, PointTable table) {
        this.claims = claims;
        this.events = events;
        this.table = table;
    }

    void site(Site next) {
        site = next;
    }

    /** The rule fired. */
    void activated(RuleInstance in, long now) {
        for (RuleAction action : in.rule.definition().actions()) {
            if (action instanceof RuleAction.Write w) {
                targets(in, w).forEach(device -> claims.claim(device, w.point(), w.value(), in.rule.id()));
            } else if (action instanceof RuleAction.Alarm a) {
                events.publish(event(in, now, a.event(), State.RAISED, a.severity(), render(in, a.reason(), now),
                        a.point(), a.device()));
            } else if (action instanceof RuleAction.Event e && !e.onDeactivate()) {
                events.publish(event(in, now, e.event(), State.INFO, e.severity(), render(in, e.reason(), now),
                        e.point(), e.device()));
            }
        }
    }

    /** The rule ended: writes go back (released, or to their inactive value), alarms clear. */
    void deactivated(RuleInstance in, long now) {
        for (RuleAction action : in.rule.definition().actions()) {
            if (action instanceof RuleAction.Write w) {
                if (w.inactiveValue() != null) {
                    targets(in, w).forEach(d -> claims.claim(d, w.point(), w.inactiveValue(), in.rule.id()));
                } else {
                    release(in, w);
                }
            } else if (action instanceof RuleAction.Alarm a) {
                events.publish(event(in, now, a.event(), State.CLEARED, a.severity(), render(in, a.reason(), now),
                        a.point(), a.device()));
            } else if (action instanceof RuleAction.Event e && e.onDeactivate()) {
                events.publish(event(in, now, e.event(), State.INFO, e.severity(), render(in, e.reason(), now),
                        e.point(), e.device()));
            }
        }
    }

    /** The rule's first known state is inactive: writes with an inactive value claim it; nothing is reported. */
    void settled(RuleInstance in) {
        for (RuleAction action : in.rule.definition().actions()) {
            if (action instanceof RuleAction.Write w && w.inactiveValue() != null) {
                targets(in, w).forEach(d -> claims.claim(d, w.point(), w.inactiveValue(), in.rule.id()));
            }
        }
    }

    /** The instance stops running (rule removed or changed, device gone): claims released, alarms cleared. */
    void retired(RuleInstance in, long now, String why) {
        for (RuleAction action : in.rule.definition().actions()) {
            if (action instanceof RuleAction.Write w) {
                release(in, w);
            } else if (action instanceof RuleAction.Alarm a && in.phase == RuleInstance.Phase.ACTIVE) {
                events.publish(event(in, now, a.event(), State.CLEARED, a.severity(), why, a.point(), a.device()));
            }
        }
    }

    /**
     * The site changed under an active instance: its writes to groups follow the new membership (claims for
     * devices that joined, releases for those that left; unchanged claims are not sent again).
     */
    void refreshWrites(RuleInstance in) {
        if (in.phase == RuleInstance.Phase.UNKNOWN) {
            return;
        }
        boolean active = in.phase == RuleInstance.Phase.ACTIVE;
        for (RuleAction action : in.rule.definition().actions()) {
            if (action instanceof RuleAction.Write w && !w.target().ownDevice()
                    && (active || w.inactiveValue() != null)) {
                Set<String> targets = targets(in, w);
                Object value = active ? w.value() : w.inactiveValue();
                targets.forEach(d -> claims.claim(d, w.point(), value, in.rule.id()));
                claims.release(in.rule.id(), w.point(), d -> !targets.contains(d));
            }
        }
    }

    private void release(RuleInstance in, RuleAction.Write w) {
        claims.release(in.rule.id(), w.point(), d -> in.deviceId == null || in.deviceId.equals(d));
    }

    /** The devices a write goes to now: the instance's own, or the target's devices and group members. */
    private Set<String> targets(RuleInstance in, RuleAction.Write w) {
        Set<String> out = new LinkedHashSet<>();
        if (w.target().ownDevice()) {
            if (in.deviceId != null) {
                out.add(in.deviceId);
            }
            return out;
        }
        if (w.target().device() != null) {
            out.add(w.target().device());
        }
        out.addAll(w.target().devices());
        if (w.target().group() != null) {
            for (DeviceDefinition d : site.devices()) {
                if (w.target().group().equals(d.group())) {
                    out.add(d.id());
                }
            }
        }
        return out;
    }

    private EventPublisher.Event event(RuleInstance in, long now, String name, State state, String severity,
            String reason, String point, String device) {
        String on = device != null ? device : in.deviceId != null ? in.deviceId : site.gatewayId();
        Object value = point == null ? null : table.value(on, point);
        return new EventPublisher.Event(now, on, name, state, severity, reason, point, value, in.rule.id());
    }

    /** The reason with each {variable} replaced by its value now. */
    static String render(RuleInstance in, String reason, long now) {
        if (reason == null) {
            return null;
        }
        in.now = now;
        Matcher m = RuleSetCompiler.PLACEHOLDER.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(format(in.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String format(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return value == null ? "?" : String.valueOf(value);
    }
}
