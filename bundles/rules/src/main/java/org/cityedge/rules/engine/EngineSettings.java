package org.cityedge.rules.engine;

/**
 * How the engine runs.
 *
 * @param evaluationLimitMillis  longest one condition may take before it is cancelled (counted as a timeout)
 * @param timeRefreshMillis      how often rules reading time or sun variables are evaluated without new values
 * @param probationMillis        how long after activation a rule set is watched for failing
 * @param rollbackMinFailures    failed evaluations (errors and timeouts) in probation that make a rule set failing,
 * @param rollbackFailureShare   ... when they are also at least this share of its evaluations
 */
public record EngineSettings(long evaluationLimitMillis, long timeRefreshMillis, long probationMillis,
        int rollbackMinFailures, double rollbackFailureShare) {

    public static final EngineSettings DEFAULTS = new EngineSettings(50, 10_000, 300_000, 20, 0.05);
}
