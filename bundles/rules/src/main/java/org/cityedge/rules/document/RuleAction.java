package org.cityedge.rules.document;

import java.util.List;

/** What a rule does when it fires and when it ends. */
public sealed interface RuleAction {

    /**
     * Claims a writable point while the rule is active (source RULE, owner the rule id); releases it when the rule
     * ends, or claims {@code inactiveValue} instead when there is one.
     *
     * @param point         canonical point, e.g. {@code dimLevel}
     * @param value         {@link Long}, {@link Double} or {@link Boolean}
     * @param inactiveValue claimed while inactive, or null: released
     * @param target        where; {@link Target#OWN_DEVICE} for the rule's own device
     */
    record Write(String point, Object value, Object inactiveValue, Target target) implements RuleAction {
    }

    /** Raised when the rule fires, cleared when it ends. Null device: the rule's own device (or the gateway). */
    record Alarm(String event, String severity, String reason, String point, String device) implements RuleAction {
    }

    /** One info event when the rule fires, or when it ends ({@code onDeactivate}). */
    record Event(String event, String severity, String reason, String point, String device, boolean onDeactivate)
            implements RuleAction {
    }

    /** Devices a write goes to: one device, a list, or a group of the site file (resolved when it is written). */
    record Target(String device, List<String> devices, String group) {

        public static final Target OWN_DEVICE = new Target(null, List.of(), null);

        public Target {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        public boolean ownDevice() {
            return device == null && devices.isEmpty() && group == null;
        }
    }
}
