package org.cityedge.api.control;

import org.cityedge.api.field.WriteResult;

/**
 * What became of a claim.
 *
 * @param claim  the claim placed
 * @param winner the claim that drives the point now (the claim itself, or one of a higher source)
 * @param write  the verified write made because the effective value changed; null when nothing was written (the
 *               claim was outranked, or the point already had that value)
 */
public record ClaimResult(PointClaim claim, PointClaim winner, WriteResult write) {

    /** True when this claim drives the point now. */
    public boolean effective() {
        return claim.equals(winner);
    }

    /** True unless a write was needed and failed. */
    public boolean ok() {
        return write == null || write.ok();
    }
}
