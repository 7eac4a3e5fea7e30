package org.cityedge.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.cityedge.rules.expr.slow.SlowFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxTest {

    private final Sandbox sandbox = new Sandbox(Sandbox.DEFAULT_MAX_LENGTH);
    /** A generous limit: only the time-limit test below may time out, however busy the machine. */
    private final EvaluationGuard guard = new EvaluationGuard(5_000);

    @AfterEach
    void stop() {
        guard.close();
    }

    /** Variables from a map, read-only. */
    private static final class Vars extends GuardedContext {
        private final Map<String, Object> values = new HashMap<>();

        Vars with(String name, Object value) {
            values.put(name, value);
            return this;
        }

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        public boolean has(String name) {
            return values.containsKey(name);
        }
    }

    @Test
    void evaluatesConditionsOverVariablesAndFunctions() throws Exception {
        Vars vars = new Vars().with("powerState", true).with("current", 0.01).with("dimLevel", 80L);
        CompiledExpression e = sandbox.compile("powerState && dimLevel > 0 && abs(current) < 0.05");
        assertThat(e.variables()).containsExactlyInAnyOrder("powerState", "dimLevel", "current");
        assertThat(guard.test(e, vars)).isTrue();
        assertThat(guard.test(sandbox.compile("between(current, 0.02, 1) || max(dimLevel, 90) == 80"), vars))
                .isFalse();
        assertThat(guard.test(sandbox.compile("x ? 1 == 2 : abs(-2) > 1"), new Vars().with("x", false)))
                .as("a ternary is not mistaken for a namespace").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            while (true) { }                              | loop
            for (var i : [1, 2]) { }                      | not allowed
            new('java.lang.Object')                       | create instance is not allowed
            current.class                                 | property access 'current.class' is not allowed
            current.getClass().forName('java.lang.Runtime') | method call is not allowed
            'abc'.length()                                | method call is not allowed
            java.lang.Math.abs(current)                   | method call is not allowed
            math:abs(current)                             | namespace 'math' is not allowed
            exec('rm -rf /')                              | unknown function 'exec'
            current = 5                                   | not allowed
            [1, 2, 3]                                     | not allowed
            (x) -> x                                      | not allowed
            #pragma jexl.import java.lang                 | not allowed
            @silent current                               | not allowed
            current =~ '(a+)+$'                           | regular expression matches
            current &&                                    | syntax error
            """)
    void refusesWhatCouldEscapeOrRunAway(String source, String expected) {
        assertThatThrownBy(() -> sandbox.compile(source)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void refusesAVeryLongExpression() {
        String longOne = "current > 0" + " && current > 0".repeat(40);
        assertThatThrownBy(() -> sandbox.compile(longOne)).isInstanceOf(ExpressionException.class)
                .hasMessage("is " + longOne.length() + " characters long; at most 500 are allowed");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "(".repeat(40) + "x" + ")".repeat(40);
        assertThatThrownBy(() -> sandbox.compile(deep)).hasMessage("nests 40 levels deep; at most 32 are allowed");
        assertThat(Sandbox.nesting("abs(('((((')) + x")).as("brackets in strings do not count").isEqualTo(2);
    }

    @Test
    void stringsMayHoldAnything() throws Exception {
        CompiledExpression e = sandbox.compile("state == 'while (true) new(x) a.b() =~'");
        assertThat(guard.test(e, new Vars().with("state", "while (true) new(x) a.b() =~"))).isTrue();
    }

    @Test
    void reportsEvaluationErrorsAsSentences() throws Exception {
        Vars vars = new Vars().with("current", 0.5).with("mode", "auto");
        assertThatThrownBy(() -> guard.test(sandbox.compile("current + 1"), vars))
                .isInstanceOf(ExpressionException.class).hasMessage("gave 1.5, not true or false");
        assertThatThrownBy(() -> guard.test(sandbox.compile("current / 0 > 1"), vars))
                .isInstanceOf(ExpressionException.class).hasMessage("arithmetic error: division by zero (column 11)")
                .satisfies(e -> assertThat(((ExpressionException) e).timeout()).isFalse());
        assertThatThrownBy(() -> guard.test(sandbox.compile("nothing > 1"), vars))
                .hasMessageContaining("nothing");
    }

    @Test
    void cancelsAnEvaluationThatRunsPastItsLimit() throws Exception {
        Sandbox withSlowFunction = new Sandbox(Sandbox.DEFAULT_MAX_LENGTH, SlowFunctions.class);
        CompiledExpression slow = withSlowFunction.compile("stall(x) + 1 > 0 && x > 0");
        try (EvaluationGuard tight = new EvaluationGuard(20)) {
            assertThatThrownBy(() -> tight.test(slow, new Vars().with("x", 1.0)))
                    .isInstanceOf(ExpressionException.class)
                    .hasMessageContaining("took longer than 20 ms and was cancelled")
                    .satisfies(e -> assertThat(((ExpressionException) e).timeout()).isTrue());
            // the guard is not stuck: the next evaluation runs normally
            assertThat(tight.test(withSlowFunction.compile("x > 0"), new Vars().with("x", 1.0))).isTrue();
        }
    }

    @Test
    void sandboxFunctionsAreOnlyThoseOfTheFunctionClass() {
        assertThatThrownBy(() -> sandbox.compile("stall(1) > 0")).hasMessageContaining("unknown function 'stall'");
    }
}
