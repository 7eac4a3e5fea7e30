package org.cityedge.rules.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.rules.document.InvalidRuleSetException;
import org.cityedge.rules.document.PointRef;
import org.cityedge.rules.document.RuleAction;
import org.cityedge.rules.document.RuleDefinition;
import org.cityedge.rules.document.RuleSet;
import org.cityedge.rules.document.Scope;
import org.cityedge.rules.expr.CompiledExpression;
import org.cityedge.rules.expr.ExpressionException;
import org.cityedge.rules.expr.Sandbox;
import org.cityedge.rules.expr.TimeVariables;

/**
 * Compiles every expression of a rule set in the sandbox and resolves every variable, so a rule set either runs
 * as a whole or is refused with all its problems, each naming the rule and the field. Names are checked against
 * the profiles this gateway knows: a rule for a profile or device not here is accepted (a city-wide rule set
 * carries rules for other gateways' devices) and stays idle.
 */
public final class RuleSetCompiler {

    /** {name} in a reason text. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Sandbox sandbox;

    public RuleSetCompiler(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public CompiledRuleSet compile(RuleSet set, SiteView site) throws InvalidRuleSetException {
        List<String> problems = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleDefinition rule : set.rules()) {
            CompiledRule compiled = compile(rule, site, problems);
            if (compiled != null && rule.enabled()) {
                rules.add(compiled);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        return new CompiledRuleSet(set.version(), rules, set.rules().size());
    }

    private CompiledRule compile(RuleDefinition rule, SiteView site, List<String> problems) {
        int before = problems.size();
        CompiledExpression when = expression(rule, "when", rule.when(), problems);
        CompiledExpression until = rule.until() == null ? null : expression(rule, "until", rule.until(), problems);
        for (String alias : rule.inputs().keySet()) {
            if (TimeVariables.NAMES.contains(alias)) {
                problems.add(rule.where("inputs." + alias) + ": is the name of a time variable; choose another");
            }
        }
        Set<String> known = scopePoints(rule.scope(), site);
        List<String> points = new ArrayList<>();
        List<PointRef> inputs = new ArrayList<>();
        List<String> timeReads = new ArrayList<>();
        for (Read read : reads(rule, when, until)) {
            PointRef input = rule.inputs().get(read.name);
            if (input != null) {
                checkInput(rule, read.name, input, site, problems);
                points.add(read.name);
                inputs.add(input);
            } else if (TimeVariables.NAMES.contains(read.name)) {
                if (read.inCondition) {
                    timeReads.add(read.name);
                }
            } else if (rule.scope() == null) {
                problems.add(rule.where(read.field) + ": '" + read.name + "' is not an input or a time variable;"
                        + " a rule without 'for' reads points through its inputs");
            } else if (known != null && !known.contains(read.name)) {
                problems.add(rule.where(read.field) + ": unknown variable '" + read.name + "': not a point of "
                        + describe(rule.scope()) + ", an input or a time variable");
            } else {
                points.add(read.name);
                inputs.add(null);
            }
        }
        checkWrites(rule, site, problems);
        if (problems.size() > before) {
            return null;
        }
        return new CompiledRule(rule, when, until, points, inputs, timeReads);
    }

    private CompiledExpression expression(RuleDefinition rule, String field, String source, List<String> problems) {
        try {
            return sandbox.compile(source);
        } catch (ExpressionException e) {
            problems.add(rule.where(field) + ": " + e.getMessage());
            return null;
        }
    }

    /** A variable read by a condition or a reason text, with the field that reads it first. */
    private record Read(String name, String field, boolean inCondition) {
    }

    private static List<Read> reads(RuleDefinition rule, CompiledExpression when, CompiledExpression until) {
        Set<String> seen = new LinkedHashSet<>();
        List<Read> reads = new ArrayList<>();
        if (when != null) {
            when.variables().stream().sorted().filter(seen::add).forEach(v -> reads.add(new Read(v, "when", true)));
        }
        if (until != null) {
            until.variables().stream().sorted().filter(seen::add).forEach(v -> reads.add(new Read(v, "until", true)));
        }
        for (int a = 0; a < rule.actions().size(); a++) {
            RuleAction action = rule.actions().get(a);
            String reason = action instanceof RuleAction.Alarm alarm ? alarm.reason()
                    : action instanceof RuleAction.Event event ? event.reason() : null;
            if (reason != null) {
                String field = "actions[" + a + "]." + (action instanceof RuleAction.Alarm ? "alarm" : "event")
                        + ".reason";
                Matcher m = PLACEHOLDER.matcher(reason);
                while (m.find()) {
                    if (seen.add(m.group(1))) {
                        reads.add(new Read(m.group(1), field, false));
                    }
                }
            }
        }
        return reads;
    }

    private static void checkInput(RuleDefinition rule, String alias, PointRef input, SiteView site,
            List<String> problems) {
        Map<String, Boolean> points = profilePoints(input.deviceId(), site);
        if (points != null && !points.containsKey(input.point())) {
            problems.add(rule.where("inputs." + alias) + ": device " + input.deviceId() + " has no point '"
                    + input.point() + "'");
        }
    }

    /** Writes must go to writable points, where this gateway knows the device's profile. */
    private static void checkWrites(RuleDefinition rule, SiteView site, List<String> problems) {
        for (int a = 0; a < rule.actions().size(); a++) {
            if (!(rule.actions().get(a) instanceof RuleAction.Write write)) {
                continue;
            }
            String field = "actions[" + a + "].write.point";
            Set<String> profiles = new TreeSet<>();
            if (write.target().ownDevice()) {
                scopeDevices(rule.scope(), site.site()).forEach(d -> profiles.add(d.profile()));
            } else {
                targetDevices(write.target(), site.site()).forEach(d -> profiles.add(d.profile()));
            }
            for (String profile : profiles) {
                Map<String, Boolean> points = site.points(profile);
                if (points != null && !Boolean.TRUE.equals(points.get(write.point()))) {
                    problems.add(rule.where(field) + ": '" + write.point() + "' is not a writable point of profile "
                            + profile);
                }
            }
        }
    }

    /** The point names a scoped rule's devices have, or null when none of them is known here. */
    private static Set<String> scopePoints(Scope scope, SiteView site) {
        if (scope == null) {
            return null;
        }
        Set<String> profiles = new TreeSet<>();
        if (scope.profile() != null) {
            profiles.add(scope.profile());
        }
        scopeDevices(scope, site.site()).forEach(d -> profiles.add(d.profile()));
        Set<String> names = null;
        for (String profile : profiles) {
            Map<String, Boolean> points = site.points(profile);
            if (points != null) {
                names = names == null ? new TreeSet<>() : names;
                names.addAll(points.keySet());
            }
        }
        return names;
    }

    private static Map<String, Boolean> profilePoints(String deviceId, SiteView site) {
        return site.site().device(deviceId).map(d -> site.points(d.profile())).orElse(null);
    }

    /** The site's devices a scope selects. */
    static List<DeviceDefinition> scopeDevices(Scope scope, Site site) {
        if (scope == null) {
            return List.of();
        }
        return site.devices().stream().filter(d -> scope.profile() != null ? scope.profile().equals(d.profile())
                : scope.group() != null ? scope.group().equals(d.group()) : scope.devices().contains(d.id()))
                .toList();
    }

    /** The site's devices a write target names. */
    static List<DeviceDefinition> targetDevices(RuleAction.Target target, Site site) {
        return site.devices().stream().filter(d -> Objects.equals(target.device(), d.id())
                || target.devices().contains(d.id()) || target.group() != null && target.group().equals(d.group()))
                .toList();
    }

    private static String describe(Scope scope) {
        return scope.profile() != null ? "profile " + scope.profile()
                : scope.group() != null ? "the devices of group " + scope.group() : "the devices " + scope.devices();
    }
}
