package org.cityedge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.SiteService;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.FakeOutbox;
import org.cityedge.rules.support.FakePointControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * The DS component with its real thread, outside a framework: the bundle context and the site service are
 * Mockito stand-ins (unit seams), the arbiter and the outbox are fakes.
 */
class RulesComponentTest {

    private static final String FLOOD = """
            {"type": "ruleset", "version": 4, "rules": [
              {"id": "flood-lights", "inputs": {"level": "wl-001.currentLevel"}, "when": "level > 2.5",
               "actions": [{"write": {"point": "dimLevel", "value": 100, "group": "circuit-b"}},
                           {"alarm": {"event": "flood", "severity": "critical", "device": "wl-001"}}]}]}""";

    @TempDir
    Path state;
    private final FakePointControl control = new FakePointControl();
    private final FakeOutbox outbox = new FakeOutbox();

    @Test
    void runsPushedRulesOnItsOwnThreadAndWithdrawsItsClaimsWhenStopped() throws Exception {
        RulesComponent rules = start();
        assertThat(rules.type()).isEqualTo("ruleset");
        assertThat(rules.activeVersion()).isZero();
        assertThat(rules.install(new VerifiedDocument("ruleset", 4, FLOOD))).isEqualTo(4);

        rules.accept(List.of(Sample.good("wl-001", "currentLevel", 2.9, "m", System.currentTimeMillis())));
        waitFor(() -> control.value("sl-008", "dimLevel") != null);
        assertThat(control.value("sl-005", "dimLevel")).isEqualTo(100L);
        waitFor(() -> outbox.states("wl-001", "flood").contains("raised"));

        rules.deactivate();
        assertThat(control.claims("sl-005")).as("claims withdrawn at stop").isEmpty();

        RulesComponent restarted = start();
        assertThat(restarted.activeVersion()).as("loaded from the state folder").isEqualTo(4);
        restarted.accept(List.of(Sample.good("wl-001", "currentLevel", 3.0, "m", System.currentTimeMillis())));
        waitFor(() -> control.value("sl-006", "dimLevel") != null);
        restarted.deactivate();
    }

    @Test
    void acceptNeverThrowsForBadBatches() throws Exception {
        RulesComponent rules = start();
        rules.accept(List.of());
        rules.accept(null);
        rules.accept(java.util.Arrays.asList(null, Sample.bad("x", "y", "", 1, "timeout")));
        rules.install(new VerifiedDocument("ruleset", 4, FLOOD));
        rules.deactivate();
        rules.accept(List.of(Sample.good("wl-001", "currentLevel", 2.9, "m", 1)));   // after stop: ignored
    }

    private RulesComponent start() throws Exception {
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty("cityedge.state")).thenReturn(state.toString());
        SiteService site = mock(SiteService.class);
        when(site.site()).thenReturn(new DemoSite().site());
        when(site.profiles()).thenReturn(Map.of());
        RulesComponent rules = new RulesComponent();
        rules.setControl(control);
        rules.setOutbox(outbox);
        rules.setSite(site);
        rules.activate(context, config(Map.of("tickMillis", 20L)));
        return rules;
    }

    /** The configuration with its Metatype defaults, some overridden. */
    private static RulesConfig config(Map<String, Object> overrides) {
        return (RulesConfig) Proxy.newProxyInstance(RulesConfig.class.getClassLoader(),
                new Class<?>[] {RulesConfig.class}, (proxy, method, args) -> overrides.containsKey(method.getName())
                        ? overrides.get(method.getName()) : method.getDefaultValue());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
