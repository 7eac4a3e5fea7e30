package org.cityedge.rules.expr.slow;

/** A function that takes far longer than any evaluation limit in the tests (the time-limit test's only use). */
public final class SlowFunctions {

    private SlowFunctions() {
    }

    public static double stall(double x) throws InterruptedException {
        Thread.sleep(200);
        return x;
    }
}
