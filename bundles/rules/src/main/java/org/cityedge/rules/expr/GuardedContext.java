package org.cityedge.rules.expr;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.jexl3.JexlContext;

/**
 * A read-only variable context whose evaluation the {@link EvaluationGuard} can cancel: JEXL polls the flag handed
 * out here between the nodes it evaluates.
 */
public abstract class GuardedContext implements JexlContext, JexlContext.CancellationHandle {

    private AtomicBoolean cancellation = new AtomicBoolean();

    final void cancellation(AtomicBoolean flag) {
        this.cancellation = flag;
    }

    @Override
    public final AtomicBoolean getCancellation() {
        return cancellation;
    }

    @Override
    public final void set(String name, Object value) {
        throw new UnsupportedOperationException("rule variables are read-only");
    }
}
