package org.cityedge.api.control;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way to drive a writable point. Sources place claims; for each device and point the live claim of the
 * highest {@link ControlSource} wins, and the arbiter writes the winner's value (verified by read-back) whenever the
 * effective value changes, when a claim expires, and when the device's reported value drifts from it (a lamp that
 * rebooted into its default level is set right again). Nobody else writes lamp levels, so sources never fight.
 */
@ProviderType
public interface PointControl {

    /** Places (or replaces) a claim; completes once it is arbitrated and any resulting write verified. */
    CompletionStage<ClaimResult> claim(PointClaim claim);

    /** Withdraws one claim; the next claim in priority order (if any) takes over. Unknown claims are ignored. */
    void release(String deviceId, String point, ControlSource source, String owner);

    /** Withdraws every claim of one owner, e.g. all claims of a rule set being replaced. */
    void releaseAll(ControlSource source, String owner);

    /** The live claim that drives the point now, if any. */
    Optional<PointClaim> effective(String deviceId, String point);

    /** Every live claim on a device, highest priority first. */
    List<PointClaim> claims(String deviceId);
}
