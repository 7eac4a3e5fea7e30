package org.cityedge.rules.expr;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.jexl3.JexlException;

/**
 * Evaluates conditions within a time limit. A watchdog thread looks at the running evaluation every half limit and
 * raises its cancellation flag once it is overdue; JEXL then stops at the next node. An evaluation that finished
 * but took longer than the limit counts as timed out too, so a slow rule is reported the same way either way.
 *
 * <p>One evaluation at a time (the engine thread); the watchdog only reads what that thread publishes.
 */
public final class EvaluationGuard implements AutoCloseable {

    public static final long DEFAULT_LIMIT_MS = 50;

    private final long limitNanos;
    private final long limitMillis;
    private final Thread watchdog;
    private volatile Running running;
    private volatile boolean closed;

    /** The flag of one evaluation, and when it started. */
    private static final class Running extends AtomicBoolean {
        private static final long serialVersionUID = 1L;
        final long startNanos;

        Running(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    public EvaluationGuard(long limitMillis) {
        this.limitMillis = Math.max(1, limitMillis);
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(this.limitMillis);
        this.watchdog = new Thread(this::watch, "cityedge-rules-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** True or false; throws for an error, a result that is not a boolean, and a timeout. */
    public boolean test(CompiledExpression expression, GuardedContext context) throws ExpressionException {
        Running run = new Running(System.nanoTime());
        context.cancellation(run);
        running = run;
        Object result;
        try {
            result = expression.script().execute(context);
        } catch (JexlException.Cancel e) {
            throw timedOut();
        } catch (JexlException e) {
            if (run.get()) {
                throw timedOut();
            }
            throw new ExpressionException(Sandbox.describe(e));
        } catch (RuntimeException e) {
            throw new ExpressionException(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            running = null;
        }
        if (run.get() || System.nanoTime() - run.startNanos > limitNanos) {
            throw timedOut();
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("gave " + (result instanceof String ? "'" + result + "'" : result)
                + ", not true or false");
    }

    private ExpressionException timedOut() {
        return new ExpressionException("evaluation took longer than " + limitMillis + " ms and was cancelled", true);
    }

    private void watch() {
        long period = Math.max(limitNanos / 2, TimeUnit.MILLISECONDS.toNanos(5));
        while (!closed) {
            LockSupport.parkNanos(period);
            Running r = running;
            if (r != null && System.nanoTime() - r.startNanos > limitNanos) {
                r.set(true);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watchdog);
        try {
            watchdog.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
