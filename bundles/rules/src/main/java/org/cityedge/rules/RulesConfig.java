package org.cityedge.rules;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = RulesComponent.PID, name = "cityedge rules",
        description = "The gateway's local rules: run the rule set the IOC pushed, offline too")
@interface RulesConfig {

    @AttributeDefinition(description = "Folder of the stored rule sets; empty: rules/ under the gateway's state"
            + " directory (system property cityedge.state). Takes effect at the next start.")
    String stateDir() default "";

    @AttributeDefinition(description = "Longest time one condition may take to evaluate, in milliseconds; a longer"
            + " one is cancelled and counted as a timeout", min = "1", max = "10000")
    long evaluationTimeLimitMs() default 50;

    @AttributeDefinition(description = "Longest expression accepted in a rule set, in characters", min = "16",
            max = "4096")
    int maxExpressionLength() default 500;

    @AttributeDefinition(description = "How often rules reading time of day or sun position are evaluated when no"
            + " value changed, in seconds", min = "1", max = "3600")
    int timeRefreshSeconds() default 10;

    @AttributeDefinition(description = "How long a newly activated rule set is watched, in seconds: if enough of its"
            + " evaluations fail in that time it is rolled back to the previous version", min = "0", max = "86400")
    int probationSeconds() default 300;

    @AttributeDefinition(description = "Failed evaluations (errors and timeouts) during probation that roll a rule"
            + " set back, when they are also at least rollbackFailurePercent of its evaluations", min = "1")
    int rollbackMinFailures() default 20;

    @AttributeDefinition(description = "Share of failed evaluations during probation, in percent, that rolls a rule"
            + " set back (with at least rollbackMinFailures of them)", min = "0", max = "100")
    double rollbackFailurePercent() default 5;

    @AttributeDefinition(description = "Sample batches waiting for the engine at most; beyond, batches are dropped"
            + " and counted (pollers never wait)", min = "10")
    int queueCapacity() default 2000;

    @AttributeDefinition(description = "How often waiting debounce, hold and clear times are checked, in"
            + " milliseconds", min = "10", max = "10000")
    long tickMillis() default 1000;
}
