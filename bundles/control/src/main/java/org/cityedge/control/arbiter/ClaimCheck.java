package org.cityedge.control.arbiter;

import java.util.Optional;

import org.cityedge.api.control.PointClaim;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;

/** Whether a claim may be placed at all: a known device, a read-write point of its profile, a value it takes. */
final class ClaimCheck {

    private ClaimCheck() {
    }

    /** Why the claim is refused, for people; null when it may be placed. */
    static String problem(SiteService site, PointClaim c) {
        if (site == null) {
            return "the site is not loaded yet: no device can be controlled";
        }
        Optional<DeviceDefinition> device = site.site().device(c.deviceId());
        if (device.isEmpty()) {
            return "unknown device " + c.deviceId();
        }
        DeviceProfile profile = site.profiles().get(device.get().profile());
        if (profile == null) {
            return "device " + c.deviceId() + " has no loaded profile (" + device.get().profile() + ")";
        }
        Optional<PointDefinition> found = profile.point(c.point());
        if (found.isEmpty()) {
            return "device " + c.deviceId() + " (" + profile.id() + ") has no point " + c.point();
        }
        PointDefinition p = found.get();
        if (!p.writable()) {
            return "point " + c.point() + " of device " + c.deviceId() + " is read-only";
        }
        return valueProblem(p, c);
    }

    private static String valueProblem(PointDefinition p, PointClaim c) {
        Object v = c.value();
        boolean bitOfField = p.type() == DataType.BITFIELD && !p.name().equals(c.point());
        if (p.type() == DataType.BITFIELD && !bitOfField) {
            return c.point() + " is a bit field: claim one of its bits " + p.bits().values();
        }
        if (bitOfField || p.isBit()) {
            return v instanceof Boolean ? null : c.point() + " takes true or false, not " + v;
        }
        if (p.type() == DataType.ENUM) {
            return v instanceof Long l && p.enumValues().containsKey(l) ? null
                    : c.point() + " takes one of " + p.enumValues() + ", not " + v;
        }
        if (!(v instanceof Number n)) {
            return c.point() + " takes a number, not " + v;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || !p.inRange(d)) {
            return c.point() + " of device " + c.deviceId() + " must lie in [" + bound(p.min()) + ", "
                    + bound(p.max()) + "], not " + v;
        }
        return null;
    }

    private static String bound(Double b) {
        return b == null ? "-" : (b == Math.rint(b) ? String.valueOf(b.longValue()) : String.valueOf(b));
    }
}
