package org.cityedge.modbus.internal.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.RegisterTable;

/**
 * Turns a device's points into the cheapest set of read requests.
 *
 * <p>Per table, points are sorted by address and split into consecutive runs; each run becomes one request spanning
 * from its lowest to its highest address. The split is chosen by dynamic programming over the sorted points to
 * minimise {@code requests * overhead + bytes read} (ties go to fewer requests), subject to: a request never exceeds
 * the device's maxReadRegisters / maxReadBits, never touches a forbidden range, and never cuts a point in two. So a gap
 * is read when reading it costs no more than the request it saves, and only then.
 */
public final class PollPlanner {

    private static final double EPSILON = 1e-9;
    private static final Comparator<PointDefinition> BY_ADDRESS =
            Comparator.comparingInt(PointDefinition::address).thenComparingInt(PointDefinition::width);

    private PollPlanner() {
    }

    /** Plan for the points of one poll class of a profile. */
    public static PollPlan plan(DeviceProfile profile, PollClass pollClass, RequestCost cost) {
        return plan(profile.points().stream().filter(p -> p.poll() == pollClass).toList(), profile.limits(), cost);
    }

    /** Plan for every point of a profile (an on-demand read of the whole device). */
    public static PollPlan planAll(DeviceProfile profile, RequestCost cost) {
        return plan(profile.points(), profile.limits(), cost);
    }

    /** Optimised plan for the given points. */
    public static PollPlan plan(Collection<PointDefinition> points, DeviceLimits limits, RequestCost cost) {
        List<PollPlan.Unreadable> unreadable = new ArrayList<>();
        List<ReadBlock> blocks = new ArrayList<>();
        for (Map.Entry<RegisterTable, List<PointDefinition>> table : readableByTable(points, limits, unreadable)
                .entrySet()) {
            blocks.addAll(planTable(table.getKey(), table.getValue(), limits, cost));
        }
        return new PollPlan(blocks, unreadable);
    }

    /** The baseline: one request per point (what a driver without a planner does). */
    public static PollPlan naive(Collection<PointDefinition> points, DeviceLimits limits) {
        List<PollPlan.Unreadable> unreadable = new ArrayList<>();
        List<ReadBlock> blocks = new ArrayList<>();
        for (Map.Entry<RegisterTable, List<PointDefinition>> table : readableByTable(points, limits, unreadable)
                .entrySet()) {
            for (PointDefinition p : table.getValue()) {
                blocks.add(new ReadBlock(table.getKey(), p.address(), p.width(), List.of(p)));
            }
        }
        return new PollPlan(blocks, unreadable);
    }

    private static Map<RegisterTable, List<PointDefinition>> readableByTable(Collection<PointDefinition> points,
            DeviceLimits limits, List<PollPlan.Unreadable> unreadable) {
        Map<RegisterTable, List<PointDefinition>> byTable = new EnumMap<>(RegisterTable.class);
        for (PointDefinition p : points) {
            String why = whyUnreadable(p, limits);
            if (why != null) {
                unreadable.add(new PollPlan.Unreadable(p, why));
            } else {
                byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p);
            }
        }
        byTable.values().forEach(list -> list.sort(BY_ADDRESS));
        return byTable;
    }

    private static String whyUnreadable(PointDefinition p, DeviceLimits limits) {
        if (p.address() < 0 || p.address() + p.width() > 0x10000) {
            return "address outside the Modbus range";
        }
        if (p.width() > maxCount(p.table(), limits)) {
            return "wider than the device's largest read";
        }
        if (limits.isForbidden(p.table(), p.address(), p.width())) {
            return "address in a range the profile forbids reading";
        }
        return null;
    }

    static int maxCount(RegisterTable table, DeviceLimits limits) {
        return table.isBits() ? limits.maxReadBits() : limits.maxReadRegisters();
    }

    /**
     * best[j] is the cheapest way to read the first j sorted points; the last request of that plan covers points
     * from[j]..j-1. Spans only grow as the run is extended to the left, so the first run that is too long or touches
     * a forbidden range ends the search for that j.
     */
    private static List<ReadBlock> planTable(RegisterTable table, List<PointDefinition> sorted, DeviceLimits limits,
            RequestCost cost) {
        int n = sorted.size();
        int max = maxCount(table, limits);
        double perAddress = RequestCost.bytesPerAddress(table);
        double[] best = new double[n + 1];
        int[] requests = new int[n + 1];
        int[] from = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            best[j] = Double.POSITIVE_INFINITY;
            int end = 0;
            for (int i = j; i >= 1; i--) {
                PointDefinition first = sorted.get(i - 1);
                end = Math.max(end, first.address() + first.width());
                int start = first.address();
                int count = end - start;
                if (count > max || limits.isForbidden(table, start, count)) {
                    break;
                }
                double candidate = best[i - 1] + cost.overheadBytes() + count * perAddress;
                int candidateRequests = requests[i - 1] + 1;
                if (candidate < best[j] - EPSILON
                        || (candidate <= best[j] + EPSILON && candidateRequests < requests[j])) {
                    best[j] = candidate;
                    requests[j] = candidateRequests;
                    from[j] = i;
                }
            }
        }
        List<ReadBlock> blocks = new ArrayList<>();
        for (int j = n; j > 0; j = from[j] - 1) {
            List<PointDefinition> members = sorted.subList(from[j] - 1, j);
            int start = members.get(0).address();
            int end = members.stream().mapToInt(p -> p.address() + p.width()).max().orElseThrow();
            blocks.add(0, new ReadBlock(table, start, end - start, members));
        }
        return blocks;
    }
}
