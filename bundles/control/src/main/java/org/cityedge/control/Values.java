package org.cityedge.control;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Point values ({@link Double}, {@link Long}, {@link Boolean}, {@link String}) compared the way devices store them. */
public final class Values {

    private Values() {
    }

    /** Equal as point values: numbers by value (40L equals 40.0), within a relative 1e-9 for float rounding. */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx == dy || Math.abs(dx - dy) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(dx), Math.abs(dy)));
        }
        return a.equals(b);
    }

    /** The message of the innermost cause, without the wrapping of futures. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
