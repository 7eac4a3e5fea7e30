package org.cityedge.rules.expr;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.cityedge.rules.expr.functions.RuleFunctions;

/**
 * Compiles rule expressions in a JEXL sandbox. The grammar is cut down to expressions over variables: no loops,
 * assignments or other side effects, {@code new}, lambdas, local variables, method calls, collection literals or
 * ranges, pragmas or annotations (JexlFeatures refuses them while parsing). The introspection permissions admit one
 * package, the one holding the rule functions, so nothing else of the JVM can be reached even through a property.
 * On top of the parser, this class refuses what JexlFeatures cannot switch off: regular expression matches (which
 * can run for a very long time on a crafted pattern), namespaces, unknown functions and property access; and it
 * bounds the length and nesting of an expression so its evaluation stays small.
 */
public final class Sandbox {

    public static final int DEFAULT_MAX_LENGTH = 500;
    static final int MAX_NESTING = 32;

    private static final Pattern LOCATION = Pattern.compile("^[^@]*@(\\d+):(\\d+)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern FEATURE = Pattern.compile("^(.+?) error in '(.*)'$", Pattern.DOTALL);
    private static final Pattern NAMESPACE_CALL = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*:\\s*([A-Za-z_$][\\w$]*)\\(");
    private static final Pattern FUNCTION_CALL = Pattern.compile("(?<![\\w$.:])([A-Za-z_$][\\w$]*)\\(");

    private final JexlEngine jexl;
    private final int maxLength;
    private final Set<String> functions;

    /** The production sandbox: {@link RuleFunctions}, expressions of at most {@code maxLength} characters. */
    public Sandbox(int maxLength) {
        this(maxLength, RuleFunctions.class);
    }

    /** A sandbox whose functions are the public static methods of {@code functionClass} (tests add a slow one). */
    public Sandbox(int maxLength, Class<?> functionClass) {
        this.maxLength = maxLength;
        this.functions = Arrays.stream(functionClass.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == functionClass)
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Object> namespaces = new HashMap<>();
        namespaces.put(null, functionClass);   // functions are called without a prefix: abs(x)
        this.jexl = new JexlBuilder()
                .features(features())
                .permissions(JexlPermissions.parse(functionClass.getPackageName() + ".*"))
                .namespaces(namespaces)
                .arithmetic(new RuleArithmetic())
                .strict(true).safe(false).silent(false).cancellable(true)
                .antish(false).debug(false).cache(0)
                .logger(new JexlLog())
                .create();
    }

    static JexlFeatures features() {
        return new JexlFeatures()
                .script(false).loops(false).sideEffect(false).sideEffectGlobal(false).newInstance(false)
                .lambda(false).thinArrow(false).fatArrow(false).localVar(false).methodCall(false)
                .structuredLiteral(false).arrayReferenceExpr(false).pragma(false).pragmaAnywhere(false)
                .importPragma(false).namespacePragma(false).annotation(false).register(false);
    }

    /** Compiles one expression, or says in one sentence why it is refused. */
    public CompiledExpression compile(String source) throws ExpressionException {
        if (source.length() > maxLength) {
            throw new ExpressionException("is " + source.length() + " characters long; at most " + maxLength
                    + " are allowed");
        }
        int depth = nesting(source);
        if (depth > MAX_NESTING) {
            throw new ExpressionException("nests " + depth + " levels deep; at most " + MAX_NESTING
                    + " are allowed");
        }
        JexlScript script;
        try {
            script = jexl.createScript(new JexlInfo("", 1, 1), source);
        } catch (JexlException e) {
            throw new ExpressionException(describe(e));
        } catch (StackOverflowError e) {
            throw new ExpressionException("is too deeply nested to parse");
        }
        String normalized = withoutStrings(script.getParsedText());
        refuseOperators(normalized);
        refuseCalls(normalized);
        Set<String> variables = new LinkedHashSet<>();
        for (List<String> path : script.getVariables()) {
            if (path.size() > 1) {
                throw new ExpressionException("property access '" + String.join(".", path)
                        + "' is not allowed: variables are plain values");
            }
            variables.add(path.get(0));
        }
        return new CompiledExpression(source, script, variables);
    }

    private static void refuseOperators(String normalized) throws ExpressionException {
        if (normalized.contains("=~") || normalized.contains("!~")) {
            throw new ExpressionException("regular expression matches (=~, !~) are not allowed");
        }
    }

    private void refuseCalls(String normalized) throws ExpressionException {
        Matcher ns = NAMESPACE_CALL.matcher(normalized);
        while (ns.find()) {
            // "a ? b : f(x)" prints with spaces around ':', a namespace call "ns:f(x)" without.
            if (!ns.group().contains(" ")) {
                throw new ExpressionException("namespace '" + ns.group(1) + "' is not allowed: call functions"
                        + " without a prefix (" + String.join(", ", functions) + ")");
            }
        }
        Matcher call = FUNCTION_CALL.matcher(normalized);
        while (call.find()) {
            if (!functions.contains(call.group(1))) {
                throw new ExpressionException("unknown function '" + call.group(1) + "' (known: "
                        + String.join(", ", functions) + ", and the operators empty and size)");
            }
        }
    }

    /** The deepest nesting of brackets outside string literals. */
    static int nesting(String source) {
        String code = withoutStrings(source);
        int depth = 0;
        int max = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }

    /** The text with the contents of '...' and "..." literals blanked, so scans never look inside them. */
    static String withoutStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    out.append("  ");
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    out.append(c);
                } else {
                    out.append(' ');
                }
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A JEXL error as one sentence without JEXL's location syntax: "loop is not allowed here (column 1: ...)". */
    static String describe(JexlException e) {
        String message = String.valueOf(e.getMessage());
        Matcher at = LOCATION.matcher(message);
        String column = null;
        if (at.matches()) {
            column = at.group(2);
            message = at.group(3);
        }
        if (e instanceof JexlException.Feature) {
            Matcher f = FEATURE.matcher(message);
            if (f.matches()) {
                return f.group(1) + " is not allowed here (column " + column + ": '" + f.group(2) + "')";
            }
        }
        if (e instanceof JexlException.Parsing || e instanceof JexlException.Tokenization) {
            return "syntax error" + (column == null ? "" : " at column " + column) + ": " + message;
        }
        if (e.getCause() instanceof ArithmeticException a) {
            String what = "/".equals(a.getMessage()) || "%".equals(a.getMessage()) ? "division by zero"
                    : a instanceof JexlArithmetic.NullOperand ? "a value is null" : String.valueOf(a.getMessage());
            message = "arithmetic error: " + what;
        }
        return column == null ? message : message + " (column " + column + ")";
    }
}
