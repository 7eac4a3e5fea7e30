package org.cityedge.rules.expr;

/** An expression the sandbox refuses, or one that failed when evaluated; the message is for people. */
public class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    public ExpressionException(String message) {
        this(message, false);
    }

    ExpressionException(String message, boolean timeout) {
        super(message);
        this.timeout = timeout;
    }

    /** True when the evaluation ran out of time (and was cancelled). */
    public boolean timeout() {
        return timeout;
    }
}
