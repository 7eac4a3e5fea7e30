package org.cityedge.modbus.internal.plan;

import java.util.List;

import org.cityedge.api.profile.PointDefinition;

/**
 * The read requests for one poll of a device, plus the points that cannot be read at all (they overlap a forbidden
 * range, or do not fit in one request), which are reported BAD on every poll rather than silently dropped.
 */
public record PollPlan(List<ReadBlock> blocks, List<Unreadable> unreadable) {

    public static final PollPlan EMPTY = new PollPlan(List.of(), List.of());

    public PollPlan {
        blocks = List.copyOf(blocks);
        unreadable = List.copyOf(unreadable);
    }

    public boolean isEmpty() {
        return blocks.isEmpty() && unreadable.isEmpty();
    }

    /** A point the planner refused, with the reason for people. */
    public record Unreadable(PointDefinition point, String reason) {
    }
}
