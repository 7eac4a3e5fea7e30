package org.cityedge.api.control;

import org.cityedge.api.field.WriteResult;

/**
 * What became of a claim. A claim the arbiter turned away (an unknown device, a read-only point, a value out of
 * range, an arbiter that is stopping) is not stored: its {@code write} fails with an error starting with
 * {@link #REFUSED}, and the source must place it again itself. A claim that was stored but whose write failed is
 * rewritten by the arbiter.
 *
 * @param claim  the claim placed
 * @param winner the claim that drives the point now (the claim itself, or one of a higher source)
 * @param write  the verified write made because the effective value changed; null when nothing was written (the
 *               claim was outranked, or the point already had that value)
 */
public record ClaimResult(PointClaim claim, PointClaim winner, WriteResult write) {

    /** How the error of a refused claim's write starts. */
    public static final String REFUSED = "claim refused: ";

    /** A claim turned away, with the reason for people; {@code winner} is whatever drives the point now. */
    public static ClaimResult refused(PointClaim claim, PointClaim winner, String why) {
        return new ClaimResult(claim, winner, refusedWrite(claim, why));
    }

    /** The failed write that stands for a refusal of {@code claim}. */
    public static WriteResult refusedWrite(PointClaim claim, String why) {
        return new WriteResult(claim.deviceId(), claim.point(), claim.value(), null, false, REFUSED + why);
    }

    /** True when a write error says the claim was refused, i.e. not stored by the arbiter. */
    public static boolean isRefusal(String writeError) {
        return writeError != null && writeError.startsWith(REFUSED);
    }

    /** True when the arbiter turned this claim away without storing it. */
    public boolean refused() {
        return write != null && !write.ok() && isRefusal(write.error());
    }

    /** True when this claim drives the point now. */
    public boolean effective() {
        return claim.equals(winner);
    }

    /** True unless a write was needed and failed. */
    public boolean ok() {
        return write == null || write.ok();
    }
}
