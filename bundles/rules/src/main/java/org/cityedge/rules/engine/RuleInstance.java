package org.cityedge.rules.engine;

import org.cityedge.rules.expr.GuardedContext;
import org.cityedge.rules.expr.TimeVariables;

/**
 * One rule running for one device (or gateway-wide): its state, and the variable context its conditions are
 * evaluated in. Engine thread only.
 *
 * <p>States: UNKNOWN until a condition could first be evaluated, then INACTIVE or ACTIVE. It fires when
 * {@code when} has held for the debounce time; it ends when its off condition ({@code until}, or {@code when} being
 * false) has held for the clear-debounce time and it has been active for at least the hold time. An unknown
 * outcome (a value missing or BAD, an evaluation error) changes nothing but restarts any debounce: a condition
 * must be seen to hold throughout.
 */
final class RuleInstance extends GuardedContext {

    enum Phase { UNKNOWN, INACTIVE, ACTIVE }

    enum Outcome { TRUE, FALSE, UNKNOWN }

    enum Transition { NONE, SETTLE, ACTIVATE, DEACTIVATE }

    final CompiledRule rule;
    /** The device it runs for; null for a gateway-wide rule. */
    final String deviceId;
    final PointCell[] cells;
    private final TimeVariables time;

    Phase phase = Phase.UNKNOWN;
    /** Since when the condition for the next transition holds; -1 when it does not. */
    long candidateSince = -1;
    long activeSince;
    /** Evaluation time, for the time variables. */
    long now;
    boolean dirty;
    boolean pending;

    RuleInstance(CompiledRule rule, String deviceId, PointCell[] cells, TimeVariables time) {
        this.rule = rule;
        this.deviceId = deviceId;
        this.cells = cells;
        this.time = time;
    }

    /** True when every variable the conditions read has a usable value now. */
    boolean ready() {
        for (PointCell cell : cells) {
            if (!cell.usable()) {
                return false;
            }
        }
        for (String name : rule.timeReads()) {
            if (time.get(name, now) == null) {
                return false;
            }
        }
        return true;
    }

    /** Applies one outcome of the condition that matters in the current phase. */
    Transition step(Outcome outcome, long at) {
        if (outcome == Outcome.UNKNOWN) {
            candidateSince = -1;
            return Transition.NONE;
        }
        if (phase == Phase.ACTIVE) {
            boolean off = rule.until() != null ? outcome == Outcome.TRUE : outcome == Outcome.FALSE;
            if (!off) {
                candidateSince = -1;
                return Transition.NONE;
            }
            candidateSince = candidateSince < 0 ? at : candidateSince;
            if (at - candidateSince >= rule.definition().clearDebounceMillis()
                    && at - activeSince >= rule.definition().holdMillis()) {
                phase = Phase.INACTIVE;
                candidateSince = -1;
                return Transition.DEACTIVATE;
            }
            return Transition.NONE;
        }
        if (outcome == Outcome.FALSE) {
            candidateSince = -1;
            if (phase == Phase.UNKNOWN) {
                phase = Phase.INACTIVE;
                return Transition.SETTLE;
            }
            return Transition.NONE;
        }
        candidateSince = candidateSince < 0 ? at : candidateSince;
        if (at - candidateSince >= rule.definition().debounceMillis()) {
            phase = Phase.ACTIVE;
            activeSince = at;
            candidateSince = -1;
            return Transition.ACTIVATE;
        }
        return Transition.NONE;
    }

    /** When a waiting transition may happen without any new value; Long.MAX_VALUE when none waits. */
    long deadline() {
        if (candidateSince < 0) {
            return Long.MAX_VALUE;
        }
        if (phase == Phase.ACTIVE) {
            return Math.max(candidateSince + rule.definition().clearDebounceMillis(),
                    activeSince + rule.definition().holdMillis());
        }
        return candidateSince + rule.definition().debounceMillis();
    }

    /** Takes over the state of the same rule's instance from the set (or site) this one replaces. */
    void continueFrom(RuleInstance previous) {
        phase = previous.phase;
        candidateSince = previous.candidateSince;
        activeSince = previous.activeSince;
    }

    /** The expression the current phase tests. */
    boolean testsUntil() {
        return phase == Phase.ACTIVE && rule.until() != null;
    }

    @Override
    public Object get(String name) {
        int slot = rule.slot(name);
        if (slot >= 0) {
            return cells[slot].value;
        }
        return TimeVariables.NAMES.contains(name) ? time.get(name, now) : null;
    }

    @Override
    public boolean has(String name) {
        return rule.slot(name) >= 0 || TimeVariables.NAMES.contains(name);
    }

    /** rule id, and device when it has one, for logs and events. */
    String key() {
        return deviceId == null ? rule.id() : rule.id() + "@" + deviceId;
    }
}
