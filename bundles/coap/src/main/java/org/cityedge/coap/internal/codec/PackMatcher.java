package org.cityedge.coap.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.coap.internal.senml.SenmlRecord;

/**
 * Picks a device's points out of a resolved SenML pack: a point takes a record whose resolved name (bn + n) equals its
 * binding name, or whose own n does. Every matching record gives a sample (a pack may carry a time series).
 */
public final class PackMatcher {

    /**
     * @param samples  samples of the matched records, in pack order
     * @param matched  points that matched at least one record
     * @param ignored  records that named no point
     */
    public record Match(List<Sample> samples, List<PointDefinition> matched, int ignored) {
    }

    private PackMatcher() {
    }

    public static Match match(String deviceId, List<PointDefinition> points, List<SenmlRecord> records) {
        List<Sample> samples = new ArrayList<>();
        List<PointDefinition> matched = new ArrayList<>();
        int ignored = 0;
        for (SenmlRecord r : records) {
            PointDefinition p = find(points, r);
            if (p == null) {
                ignored++;
                continue;
            }
            if (!matched.contains(p)) {
                matched.add(p);
            }
            samples.addAll(PointCodec.fromValue(deviceId, p, r.value(), r.timeMs()));
        }
        return new Match(samples, matched, ignored);
    }

    private static PointDefinition find(List<PointDefinition> points, SenmlRecord r) {
        for (PointDefinition p : points) {
            String name = p.coap() == null ? null : p.coap().name();
            if (name != null && (name.equals(r.name()) || name.equals(r.ownName()))) {
                return p;
            }
        }
        for (PointDefinition p : points) {
            // a binding without a name (a single-value resource) takes a record named like its path
            if (p.coap() != null && p.coap().name() == null && Objects.equals(p.coap().path(), r.name())) {
                return p;
            }
        }
        return null;
    }
}
