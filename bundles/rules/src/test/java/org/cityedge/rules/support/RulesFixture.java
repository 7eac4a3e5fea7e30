package org.cityedge.rules.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.model.Sample;
import org.cityedge.rules.RuleSetManager;
import org.cityedge.rules.engine.EngineAccess;
import org.cityedge.rules.engine.EngineSettings;
import org.cityedge.rules.engine.RuleEngine;
import org.cityedge.rules.engine.RuleSetCompiler;
import org.cityedge.rules.engine.SiteView;
import org.cityedge.rules.expr.Sandbox;
import org.cityedge.rules.store.RuleSetStore;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rules without OSGi and without threads: engine, manager and store on a temporary folder, a fake arbiter, a
 * fake outbox and a clock the test moves. Samples and ticks run on the test's thread.
 */
public final class RulesFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final FakeClock clock;
    public final FakePointControl control = new FakePointControl();
    public final FakeOutbox outbox = new FakeOutbox();
    public final RuleSetStore store;
    public final RuleEngine engine;
    public final RuleSetManager manager;

    public RulesFixture(Path dir, Instant start, SiteView site) {
        this(dir, start, site, EngineSettings.DEFAULTS);
    }

    public RulesFixture(Path dir, Instant start, SiteView site, EngineSettings settings) {
        clock = new FakeClock(start);
        store = new RuleSetStore(dir);
        engine = new RuleEngine(clock, settings);
        engine.events().outbox(outbox);
        engine.control(control);
        engine.site(site);
        manager = new RuleSetManager(store, new RuleSetCompiler(new Sandbox(Sandbox.DEFAULT_MAX_LENGTH)),
                EngineAccess.direct(engine), engine.events(), () -> site, clock);
        engine.failureListener(manager);
    }

    /** Installs a rule set as the command handler would after verifying it. */
    public long install(String json) throws DocumentRefusedException {
        return install(json, null);
    }

    public long install(String json, String envelope) throws DocumentRefusedException {
        long version;
        try {
            version = JSON.readTree(json).path("version").asLong();
        } catch (IOException e) {
            version = 1;
        }
        return manager.install(new VerifiedDocument("ruleset", version, json, envelope));
    }

    /** One poll of one device: point, value, point, value ... */
    public void poll(String device, Object... pointsAndValues) {
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < pointsAndValues.length; i += 2) {
            batch.add(Sample.good(device, (String) pointsAndValues[i], pointsAndValues[i + 1], "",
                    clock.getAsLong()));
        }
        engine.process(batch);
    }

    /** Lets time pass in steps of one second, ticking the engine after each. */
    public void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advanceSeconds(1);
            engine.tick();
        }
    }

    /** A test resource as text, e.g. rules/demo-ruleset.json (docs/rules). */
    public static String resource(String name) {
        try (InputStream in = RulesFixture.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo rule set with another version number. */
    public static String demoRuleSet(long version) {
        return resource("rules/demo-ruleset.json").replaceFirst("\"version\": 1,", "\"version\": " + version + ",");
    }

    @Override
    public void close() {
        engine.close();
    }
}
