package org.cityedge.rules.expr;

import java.math.MathContext;

import org.apache.commons.jexl3.JexlArithmetic;

/**
 * Strict arithmetic (null operands and bad coercions are errors, not zeros) without regular expressions: the
 * compiler refuses {@code =~} already, this keeps a pattern from ever reaching the regex engine.
 */
final class RuleArithmetic extends JexlArithmetic {

    RuleArithmetic() {
        this(true, null, Integer.MIN_VALUE);
    }

    private RuleArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new RuleArithmetic(strict, context, scale);
    }

    @Override
    public Boolean contains(Object container, Object value) {
        if (container instanceof CharSequence || container instanceof java.util.regex.Pattern) {
            throw new ArithmeticException("regular expressions are not allowed");
        }
        return super.contains(container, value);
    }
}
