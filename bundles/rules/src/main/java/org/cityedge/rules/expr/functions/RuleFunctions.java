package org.cityedge.rules.expr.functions;

/**
 * The functions a rule expression may call, and the only class the sandbox lets expressions reach: its package is
 * the whole of the sandbox's permissions. Each is O(1), so no call can stretch an evaluation.
 */
public final class RuleFunctions {

    private RuleFunctions() {
    }

    public static double abs(double x) {
        return Math.abs(x);
    }

    public static double min(double a, double b) {
        return Math.min(a, b);
    }

    public static double max(double a, double b) {
        return Math.max(a, b);
    }

    /** True when {@code low <= x <= high}. */
    public static boolean between(double x, double low, double high) {
        return x >= low && x <= high;
    }

    /** Rounds to {@code digits} decimals, e.g. for a reason text. */
    public static double round(double x, int digits) {
        double scale = Math.pow(10, Math.max(0, Math.min(digits, 9)));
        return Math.round(x * scale) / scale;
    }
}
