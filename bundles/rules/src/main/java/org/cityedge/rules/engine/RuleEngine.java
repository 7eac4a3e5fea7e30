package org.cityedge.rules.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.Site;
import org.cityedge.rules.document.PointRef;
import org.cityedge.rules.expr.CompiledExpression;
import org.cityedge.rules.expr.EvaluationGuard;
import org.cityedge.rules.expr.ExpressionException;
import org.cityedge.rules.expr.TimeVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules at run time: keeps the latest value of every point of every device, evaluates the rule instances that
 * read a point whose value changed, and those waiting for a debounce, clear-debounce or hold time to pass, on each
 * {@link #tick}. Not thread-safe: one thread (the {@link EngineLoop}, or a test) calls everything but the setters
 * of the arbiter and the outbox.
 *
 * <p>Swapping a rule set keeps the state of every rule whose definition did not change (an active flood rule stays
 * active, its lamps stay claimed); rules removed or changed are retired first (claims released, alarms cleared),
 * then the new ones are evaluated at once against the values already known.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    /** Told when the running rule set fails during its probation. Called on the engine thread, once per set. */
    public interface FailureListener {
        void failing(long version, String why);
    }

    private final LongSupplier clock;
    private final EngineSettings settings;
    private final EvaluationGuard guard;
    private final TimeVariables time = new TimeVariables();
    private final PointTable table = new PointTable();
    private final EngineStats stats = new EngineStats();
    private final LogLimiter limiter = new LogLimiter();
    private final ClaimKeeper claims = new ClaimKeeper(stats, limiter);
    private final EventPublisher events = new EventPublisher(stats);
    private final ActionRunner actions = new ActionRunner(claims, events, table);
    private final List<RuleInstance> dirty = new ArrayList<>();
    private final Set<RuleInstance> pending = new LinkedHashSet<>();
    private SiteView site = SiteView.NONE;
    private CompiledRuleSet active = CompiledRuleSet.EMPTY;
    private List<RuleInstance> instances = List.of();
    private List<RuleInstance> timeDependent = List.of();
    private long nextTimeRefresh;
    private FailureListener failureListener = (version, why) -> { };
    private long activatedAt;
    private long probeEvaluations;
    private long probeFailures;
    private boolean failureReported;

    public RuleEngine(LongSupplier clock, EngineSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.guard = new EvaluationGuard(settings.evaluationLimitMillis());
    }

    public void failureListener(FailureListener listener) {
        this.failureListener = listener;
    }

    /** The point arbiter appeared or went; every claim the rules want is placed again. Engine thread. */
    public void control(PointControl control) {
        claims.control(control);
    }

    /** Where events go; any thread. */
    public EventPublisher events() {
        return events;
    }

    public EngineStats stats() {
        return stats;
    }

    public CompiledRuleSet active() {
        return active;
    }

    /** One batch of samples: values updated, rules reading changed values evaluated. */
    public void process(List<Sample> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        stats.batches.incrementAndGet();
        stats.samples.addAndGet(batch.size());
        String device = null;
        Map<String, PointCell> points = null;
        for (Sample s : batch) {
            if (s == null) {
                continue;
            }
            if (!s.deviceId().equals(device)) {
                device = s.deviceId();
                points = table.device(device);
            }
            PointCell cell = points.get(s.point());
            if (cell == null) {
                cell = new PointCell();
                points.put(s.point(), cell);
            }
            if (cell.update(s.value(), s.quality(), s.timestamp())) {
                for (RuleInstance reader : cell.readers) {
                    if (!reader.dirty) {
                        reader.dirty = true;
                        dirty.add(reader);
                    }
                }
            }
        }
        for (int i = 0; i < dirty.size(); i++) {
            RuleInstance in = dirty.get(i);
            in.dirty = false;
            evaluate(in, now);
        }
        dirty.clear();
    }

    /**
     * Time passes: waiting transitions that are due, time-dependent rules, the probation of the rule set, refused
     * claims sent again.
     */
    public void tick() {
        long now = clock.getAsLong();
        if (!pending.isEmpty()) {
            for (RuleInstance in : List.copyOf(pending)) {
                if (in.deadline() <= now) {
                    evaluate(in, now);
                }
            }
        }
        if (now >= nextTimeRefresh) {
            nextTimeRefresh = now + settings.timeRefreshMillis();
            for (RuleInstance in : timeDependent) {
                evaluate(in, now);
            }
        }
        checkProbation(now);
        claims.retryRefused(now);
    }

    /** Swaps the running rule set. */
    public void install(CompiledRuleSet next, String why) {
        boolean newVersion = next.version() != active.version();
        active = next;
        rebind(why);
        if (newVersion) {
            activatedAt = clock.getAsLong();
            probeEvaluations = 0;
            probeFailures = 0;
            failureReported = false;
        }
    }

    /** The site changed: devices and groups of the rules' scopes and targets, time zone, position. */
    public void site(SiteView view) {
        site = view;
        Site s = view.site();
        ZoneId zone;
        try {
            zone = ZoneId.of(s.timezone());
        } catch (DateTimeException e) {
            LOG.warn("rules: time zone '{}' of the site is unknown; time of day is UTC", s.timezone());
            zone = ZoneId.of("UTC");
        }
        time.place(zone, s.location());
        actions.site(s);
        rebind("the site changed");
    }

    /** Builds the instances of the active set for the current site, keeping the state of unchanged ones. */
    private void rebind(String why) {
        long now = clock.getAsLong();
        Map<String, RuleInstance> old = new HashMap<>();
        instances.forEach(in -> old.put(in.key(), in));
        List<RuleInstance> fresh = new ArrayList<>();
        List<RuleInstance> carried = new ArrayList<>();
        for (CompiledRule rule : active.rules()) {
            for (String device : devicesOf(rule)) {
                RuleInstance in = new RuleInstance(rule, device, cells(rule, device), time);
                RuleInstance previous = old.get(in.key());
                if (previous != null && previous.rule.definition().canonical()
                        .equals(rule.definition().canonical())) {
                    in.continueFrom(previous);
                    old.remove(in.key());
                    carried.add(in);
                }
                fresh.add(in);
            }
        }
        old.values().forEach(in -> actions.retired(in, now, why));
        carried.forEach(actions::refreshWrites);
        table.clearReaders();
        pending.clear();
        dirty.clear();
        for (RuleInstance in : fresh) {
            for (PointCell cell : in.cells) {
                cell.addReader(in);
            }
        }
        instances = List.copyOf(fresh);
        timeDependent = fresh.stream().filter(in -> in.rule.timeDependent()).toList();
        for (RuleInstance in : instances) {
            evaluate(in, now);
        }
    }

    private List<String> devicesOf(CompiledRule rule) {
        if (!rule.scoped()) {
            return java.util.Collections.singletonList(null);
        }
        Set<String> ids = new LinkedHashSet<>();
        RuleSetCompiler.scopeDevices(rule.definition().scope(), site.site()).forEach(d -> ids.add(d.id()));
        ids.addAll(rule.definition().scope().devices());
        return List.copyOf(ids);
    }

    private PointCell[] cells(CompiledRule rule, String device) {
        PointCell[] cells = new PointCell[rule.slots()];
        for (int i = 0; i < cells.length; i++) {
            PointRef ref = rule.slotPoint(i, device);
            cells[i] = table.cell(ref.deviceId(), ref.point());
        }
        return cells;
    }

    private void evaluate(RuleInstance in, long now) {
        in.now = now;
        RuleInstance.Outcome outcome;
        if (!in.ready()) {
            stats.unevaluable.incrementAndGet();
            outcome = RuleInstance.Outcome.UNKNOWN;
        } else {
            CompiledExpression expression = in.testsUntil() ? in.rule.until() : in.rule.when();
            stats.evaluations.incrementAndGet();
            probeEvaluations++;
            try {
                outcome = guard.test(expression, in) ? RuleInstance.Outcome.TRUE : RuleInstance.Outcome.FALSE;
            } catch (ExpressionException e) {
                failed(in, expression == in.rule.when() ? "when" : "until", e, now);
                outcome = RuleInstance.Outcome.UNKNOWN;
            }
        }
        switch (in.step(outcome, now)) {
            case ACTIVATE -> {
                stats.activations.incrementAndGet();
                LOG.info("rules: {} fired", in.key());
                actions.activated(in, now);
            }
            case DEACTIVATE -> {
                stats.deactivations.incrementAndGet();
                LOG.info("rules: {} ended", in.key());
                actions.deactivated(in, now);
            }
            case SETTLE -> actions.settled(in);
            case NONE -> { }
        }
        boolean waits = in.candidateSince >= 0;
        if (waits != in.pending) {
            in.pending = waits;
            if (waits) {
                pending.add(in);
            } else {
                pending.remove(in);
            }
        }
    }

    private void failed(RuleInstance in, String field, ExpressionException e, long now) {
        probeFailures++;
        (e.timeout() ? stats.timeouts : stats.errors).incrementAndGet();
        String message = in.rule.definition().where(field) + (in.deviceId == null ? "" : " on " + in.deviceId)
                + ": " + e.getMessage();
        stats.lastError.set(message);
        if (limiter.allow("eval:" + in.rule.id(), now)) {
            LOG.warn("rules: rule set {}: {}", active.version(), message);
        }
    }

    private void checkProbation(long now) {
        if (failureReported || active.version() == 0 || now - activatedAt > settings.probationMillis()) {
            return;
        }
        if (probeFailures >= settings.rollbackMinFailures()
                && probeFailures >= settings.rollbackFailureShare() * probeEvaluations) {
            failureReported = true;
            failureListener.failing(active.version(), probeFailures + " of " + probeEvaluations
                    + " evaluations failed within " + (now - activatedAt) / 1000 + " s of activation (last: "
                    + stats.lastError.get() + ")");
        }
    }

    /** Withdraws every claim the rules placed: the engine stops driving points. */
    public void releaseAll() {
        claims.releaseAll();
    }

    /** The claims the rules want now. */
    public List<PointClaim> claims() {
        return claims.wanted();
    }

    /** Instances by state, for the status and tests: rule id (and @device) of every active one. */
    public List<String> activeInstances() {
        return instances.stream().filter(in -> in.phase == RuleInstance.Phase.ACTIVE).map(RuleInstance::key)
                .toList();
    }

    public int instanceCount() {
        return instances.size();
    }

    public int pointCount() {
        return table.size();
    }

    @Override
    public void close() {
        guard.close();
    }
}
