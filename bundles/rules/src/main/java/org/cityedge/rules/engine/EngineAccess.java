package org.cityedge.rules.engine;

import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Runs a task on the engine's thread and returns its result: how other threads touch the engine. */
public interface EngineAccess {

    <T> T call(Function<RuleEngine, T> task) throws TimeoutException;

    /** Runs tasks on the caller's thread: for tests, which drive the engine themselves. */
    static EngineAccess direct(RuleEngine engine) {
        return new EngineAccess() {
            @Override
            public <T> T call(Function<RuleEngine, T> task) {
                return task.apply(engine);
            }
        };
    }
}
