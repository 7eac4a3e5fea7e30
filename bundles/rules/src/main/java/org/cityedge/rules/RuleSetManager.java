package org.cityedge.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.rules.document.InvalidRuleSetException;
import org.cityedge.rules.document.RuleSet;
import org.cityedge.rules.document.RuleSetReader;
import org.cityedge.rules.engine.CompiledRuleSet;
import org.cityedge.rules.engine.EngineAccess;
import org.cityedge.rules.engine.EventPublisher;
import org.cityedge.rules.engine.EventPublisher.State;
import org.cityedge.rules.engine.RuleEngine;
import org.cityedge.rules.engine.RuleSetCompiler;
import org.cityedge.rules.engine.SiteView;
import org.cityedge.rules.store.RuleSetStore;
import org.cityedge.rules.store.StoredRuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of rule sets: install (refuse replays, validate, store durably, swap), start from the store, roll back a
 * set that fails in its probation, and re-verify stored sets when a {@link DocumentVerifier} is there.
 *
 * <p>Which sets run ({@code active}, and {@code previous} kept compiled for an instant rollback) changes only on the
 * engine thread, so a swap and a rollback can never interleave; installs are serialized among themselves.
 */
public final class RuleSetManager implements RuleEngine.FailureListener {

    public static final String TYPE = "ruleset";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetManager.class);

    /** A rule set that runs or may run again: compiled, and as stored. */
    private record Loaded(CompiledRuleSet set, StoredRuleSet stored) {
        long version() {
            return set.version();
        }
    }

    private final RuleSetStore store;
    private final RuleSetCompiler compiler;
    private final EngineAccess engine;
    private final EventPublisher events;
    private final Supplier<SiteView> site;
    private final LongSupplier clock;
    private final Object installLock = new Object();
    private volatile long activeVersion;
    private Loaded active;
    private Loaded previous;

    public RuleSetManager(RuleSetStore store, RuleSetCompiler compiler, EngineAccess engine, EventPublisher events,
            Supplier<SiteView> site, LongSupplier clock) {
        this.store = store;
        this.compiler = compiler;
        this.engine = engine;
        this.events = events;
        this.site = site;
        this.clock = clock;
    }

    public long activeVersion() {
        return activeVersion;
    }

    /**
     * Validates, stores (with the envelope it came in, to verify it again at start) and activates a verified rule
     * set; refuses ({@code replayed-version}, {@code invalid-document}, {@code store-failed}, {@code busy}) and keeps
     * the running one otherwise.
     */
    public long install(VerifiedDocument document) throws DocumentRefusedException {
        synchronized (installLock) {
            if (!TYPE.equals(document.type())) {
                throw new DocumentRefusedException("wrong-type", "this handler runs rule sets, not " + document.type());
            }
            long floor = Math.max(activeVersion, highestStored());
            if (document.version() <= floor) {
                throw new DocumentRefusedException("replayed-version", "rule set version " + document.version()
                        + " is not above version " + floor + " (running: " + activeVersion + "); versions only grow");
            }
            CompiledRuleSet compiled = compile(document.json(), document.version());
            StoredRuleSet stored = new StoredRuleSet(document.version(), clock.getAsLong(), document.json(),
                    document.envelope());
            try {
                store.save(stored);
            } catch (IOException e) {
                throw new DocumentRefusedException("store-failed", "cannot store rule set version "
                        + document.version() + " in " + store.dir() + ": " + e.getMessage()
                        + "; the running version " + activeVersion + " stays");
            }
            Loaded next = new Loaded(compiled, stored);
            try {
                engine.call(e -> {
                    previous = active;
                    active = next;
                    e.install(compiled, "rule set version " + next.version() + " replaced this rule");
                    activeVersion = next.version();
                    return null;
                });
            } catch (TimeoutException e) {
                discard(next.version());
                throw new DocumentRefusedException("busy", "the rules engine did not take rule set version "
                        + next.version() + " in time; the running version " + activeVersion + " stays");
            }
            prune();
            LOG.info("rules: rule set version {} is running ({} rules, {} enabled)", next.version(),
                    compiled.total(), compiled.rules().size());
            gatewayEvent("ruleSetInstalled", "info", "rule set version " + next.version() + " is running: "
                    + compiled.rules().size() + " of " + compiled.total() + " rules enabled");
            return next.version();
        }
    }

    /** Parses, validates and compiles a document; refuses with every problem found. */
    private CompiledRuleSet compile(String json, long signedVersion) throws DocumentRefusedException {
        try {
            RuleSet set = RuleSetReader.read(json);
            if (set.version() != signedVersion) {
                throw new InvalidRuleSetException(List.of("version: " + set.version()
                        + " differs from the verified version " + signedVersion));
            }
            return compiler.compile(set, site.get());
        } catch (InvalidRuleSetException e) {
            throw new DocumentRefusedException("invalid-document", e.getMessage());
        }
    }

    /**
     * Runs the newest stored set that reads, verifies (when a verifier is there and the envelope was kept) and
     * compiles; keeps the next one for rollback. A stored set failing any of these is set aside and reported.
     */
    public void start(DocumentVerifier documentVerifier) throws TimeoutException {
        List<Loaded> usable = new ArrayList<>();
        for (long version : storedVersions()) {
            Loaded loaded = load(version, documentVerifier);
            if (loaded != null) {
                usable.add(loaded);
                if (usable.size() == 2) {
                    break;
                }
            }
        }
        Loaded first = usable.isEmpty() ? null : usable.get(0);
        Loaded second = usable.size() > 1 ? usable.get(1) : null;
        engine.call(e -> {
            active = first;
            previous = second;
            e.install(first == null ? CompiledRuleSet.EMPTY : first.set(), "the gateway started");
            activeVersion = first == null ? 0 : first.version();
            return null;
        });
        if (first == null) {
            LOG.info("rules: no stored rule set; none runs until the IOC sends one");
        } else {
            LOG.info("rules: running stored rule set version {}{}", first.version(),
                    second == null ? "" : " (version " + second.version() + " kept for rollback)");
            if (documentVerifier == null) {
                LOG.warn("rules: no document verifier yet: stored rule set version {} runs as verified when it was"
                        + " installed, and is verified again when the verifier starts", first.version());
            }
        }
    }

    private Loaded load(long version, DocumentVerifier documentVerifier) {
        StoredRuleSet stored;
        try {
            stored = store.read(version);
        } catch (IOException e) {
            refuseStored(version, "broken", "stored rule set version " + version + " is unreadable: "
                    + e.getMessage());
            return null;
        }
        String untrusted = verify(stored, documentVerifier);
        if (untrusted != null) {
            refuseStored(version, "untrusted", "stored rule set version " + version + " failed verification: "
                    + untrusted);
            return null;
        }
        try {
            return new Loaded(compile(stored.document(), version), stored);
        } catch (DocumentRefusedException e) {
            refuseStored(version, "invalid", "stored rule set version " + version + " no longer compiles: "
                    + e.getMessage());
            return null;
        }
    }

    /** Null when the stored set may run; why not otherwise. Without a verifier or an envelope there is no check. */
    private static String verify(StoredRuleSet stored, DocumentVerifier documentVerifier) {
        if (documentVerifier == null || stored.envelope() == null) {
            return null;
        }
        try {
            VerifiedDocument d = documentVerifier.verify(TYPE, stored.envelope());
            if (d.version() != stored.version() || !d.json().equals(stored.document())) {
                return "the envelope holds another document than the one stored";
            }
            return null;
        } catch (DocumentRefusedException e) {
            if ("no-trust-key".equals(e.code())) {
                // Not a verdict on the document: the key is not provisioned (yet). It runs as verified at install.
                LOG.warn("rules: cannot verify stored rule set version {} now: {}", stored.version(), e.getMessage());
                return null;
            }
            return e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "the verifier failed: " + e;
        }
    }

    /**
     * A verifier appeared: the running and the standby set are verified again (when their envelopes were kept). A
     * running set that fails is rolled back like a failing one.
     */
    public void verifierAvailable(DocumentVerifier documentVerifier) throws TimeoutException {
        engine.call(e -> {
            if (previous != null && verify(previous.stored(), documentVerifier) != null) {
                refuseStored(previous.version(), "untrusted", "stored rule set version " + previous.version()
                        + " (kept for rollback) failed verification");
                previous = null;
            }
            String why = active == null ? null : verify(active.stored(), documentVerifier);
            if (why != null) {
                replaceActive(e, "untrusted", "rule set version " + active.version() + " failed verification: "
                        + why);
            }
            return null;
        });
    }

    /** The running set fails in its probation: back to the previous one (engine thread). */
    @Override
    public void failing(long version, String why) {
        if (active == null || active.version() != version) {
            return;
        }
        try {
            engine.call(e -> {
                replaceActive(e, "rolled-back", "rule set version " + version + " failed: " + why);
                return null;
            });
        } catch (TimeoutException e) {
            LOG.error("rules: could not roll back rule set version {}: {}", version, e.toString());
        }
    }

    /** Sets the running set aside for good and runs the previous one (or none). Engine thread. */
    private void replaceActive(RuleEngine e, String reason, String why) {
        Loaded failed = active;
        Loaded back = previous;
        active = back;
        previous = null;
        e.install(back == null ? CompiledRuleSet.EMPTY : back.set(), why);
        activeVersion = back == null ? 0 : back.version();
        String now = back == null ? "no rule set runs now" : "running version " + back.version() + " again";
        setAside(failed.version(), reason, why + "; " + now);
        gatewayEvent("ruleSetRolledBack", "major", why + "; " + now);
    }

    /** A stored set that must not run: set aside and reported. */
    private void refuseStored(long version, String reason, String why) {
        setAside(version, reason, why);
        gatewayEvent("ruleSetRefused", "major", why);
    }

    private void setAside(long version, String reason, String why) {
        LOG.error("rules: {}; set aside as {}", why, reason);
        try {
            store.setAside(version, reason);
        } catch (IOException e) {
            LOG.error("rules: cannot set rule set version {} aside: {}", version, e.toString());
        }
    }

    private void gatewayEvent(String event, String severity, String reason) {
        String gateway = site.get().site().gatewayId();
        events.publish(new EventPublisher.Event(clock.getAsLong(), gateway, event, State.INFO, severity, reason,
                null, null, null));
    }

    private List<Long> storedVersions() {
        try {
            return store.versions();
        } catch (IOException e) {
            LOG.error("rules: cannot list stored rule sets in {}: {}", store.dir(), e.toString());
            return List.of();
        }
    }

    private long highestStored() throws DocumentRefusedException {
        try {
            return store.highestVersion();
        } catch (IOException e) {
            throw new DocumentRefusedException("store-failed", "cannot read the rule set store " + store.dir()
                    + ": " + e.getMessage());
        }
    }

    private void discard(long version) {
        try {
            store.discard(version);
        } catch (IOException e) {
            LOG.error("rules: cannot remove rule set version {} that did not start: {}", version, e.toString());
        }
    }

    private void prune() {
        try {
            List<Long> keep = new ArrayList<>();
            engine.call(e -> {
                if (active != null) {
                    keep.add(active.version());
                }
                if (previous != null) {
                    keep.add(previous.version());
                }
                return null;
            });
            store.prune(keep);
        } catch (IOException | TimeoutException e) {
            LOG.warn("rules: could not delete old rule sets: {}", e.toString());
        }
    }
}
