package org.cityedge.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.rules.engine.EngineLoop;
import org.cityedge.rules.engine.EngineSettings;
import org.cityedge.rules.engine.RuleEngine;
import org.cityedge.rules.engine.RuleSetCompiler;
import org.cityedge.rules.engine.SiteView;
import org.cityedge.rules.expr.Sandbox;
import org.cityedge.rules.store.RuleSetStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules as a DS component: a {@link SampleSink} on the field layer's whiteboard (every batch is handed to the
 * engine's thread), and the {@link PolicyDocumentHandler} for {@code ruleset} documents. Its collaborators are all
 * optional and dynamic: without the arbiter the rules keep their claims and place them when it appears; without the
 * outbox events are counted as dropped; without the verifier stored sets run as verified at install time.
 */
@Component(service = { SampleSink.class, PolicyDocumentHandler.class }, immediate = true,
        configurationPid = RulesComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "cityedge.policy.type=" + RuleSetManager.TYPE)
@Designate(ocd = RulesConfig.class)
public class RulesComponent implements SampleSink, PolicyDocumentHandler {

    static final String PID = "org.cityedge.rules";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    private static final Logger LOG = LoggerFactory.getLogger(RulesComponent.class);

    private volatile PointControl control;
    private volatile Outbox outbox;
    private volatile SiteService siteService;
    private volatile DocumentVerifier verifier;
    private volatile EngineLoop loop;
    private volatile RuleSetManager manager;

    @Activate
    void activate(BundleContext context, RulesConfig config) throws TimeoutException {
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, new EngineSettings(
                config.evaluationTimeLimitMs(), config.timeRefreshSeconds() * 1000L,
                config.probationSeconds() * 1000L, config.rollbackMinFailures(),
                config.rollbackFailurePercent() / 100));
        EngineLoop l = new EngineLoop(engine, config.queueCapacity(), config.tickMillis());
        RuleSetManager m = new RuleSetManager(new RuleSetStore(storeDir(context, config)),
                new RuleSetCompiler(new Sandbox(config.maxExpressionLength())), l, engine.events(), this::siteView,
                System::currentTimeMillis);
        engine.failureListener(m);
        loop = l;   // from here on, reference changes are forwarded to the engine thread
        try {
            l.call(e -> {
                e.events().outbox(outbox);
                e.site(siteView());
                e.control(control);
                return null;
            });
            m.start(verifier);
        } catch (TimeoutException | RuntimeException e) {
            loop = null;
            l.close();
            throw e;
        }
        manager = m;
    }

    @Deactivate
    void deactivate() {
        EngineLoop l = loop;
        loop = null;
        manager = null;
        if (l == null) {
            return;
        }
        try {
            // The rules stop driving points: their claims are withdrawn so lower sources take over.
            l.call(e -> {
                e.releaseAll();
                return null;
            });
        } catch (TimeoutException e) {
            LOG.warn("rules: could not withdraw the rules' claims at stop: {}", e.toString());
        }
        l.close();
    }

    private static Path storeDir(BundleContext context, RulesConfig config) {
        if (!config.stateDir().isBlank()) {
            return Path.of(config.stateDir().strip());
        }
        String state = context.getProperty(STATE_DIR_PROPERTY);
        return Path.of(state == null || state.isBlank() ? "state" : state).resolve("rules");
    }

    private SiteView siteView() {
        SiteService s = siteService;
        return s == null ? SiteView.NONE : new OsgiSiteView(s);
    }

    @Override
    public void accept(List<Sample> samples) {
        EngineLoop l = loop;
        if (l != null) {
            l.offer(samples);
        }
    }

    @Override
    public String type() {
        return RuleSetManager.TYPE;
    }

    @Override
    public long activeVersion() {
        RuleSetManager m = manager;
        return m == null ? 0 : m.activeVersion();
    }

    @Override
    public long install(VerifiedDocument document) throws DocumentRefusedException {
        RuleSetManager m = manager;
        if (m == null) {
            throw new DocumentRefusedException("busy", "the rules engine is not running");
        }
        return m.install(document);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setControl(PointControl next) {
        control = next;
        onEngine(e -> e.control(next));
    }

    void unsetControl(PointControl gone) {
        if (control == gone) {
            control = null;
            onEngine(e -> e.control(null));
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setOutbox(Outbox next) {
        outbox = next;
        onEngine(e -> e.events().outbox(next));
    }

    void unsetOutbox(Outbox gone) {
        if (outbox == gone) {
            outbox = null;
            onEngine(e -> e.events().outbox(null));
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSite(SiteService next) {
        siteService = next;
        onEngine(e -> e.site(siteView()));
    }

    void updatedSite(SiteService same) {
        onEngine(e -> e.site(siteView()));
    }

    void unsetSite(SiteService gone) {
        if (siteService == gone) {
            siteService = null;
            onEngine(e -> e.site(SiteView.NONE));
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setVerifier(DocumentVerifier next) {
        verifier = next;
        RuleSetManager m = manager;
        if (m != null) {
            try {
                m.verifierAvailable(next);
            } catch (TimeoutException e) {
                LOG.warn("rules: could not verify the stored rule sets again: {}", e.toString());
            }
        }
    }

    void unsetVerifier(DocumentVerifier gone) {
        if (verifier == gone) {
            verifier = null;
        }
    }

    /**
     * Hands a change to the engine thread without waiting (the DS thread never blocks on a busy engine, and the
     * change is never dropped); before activation it is picked up at start.
     */
    private void onEngine(Consumer<RuleEngine> change) {
        EngineLoop l = loop;
        if (l != null) {
            l.post(change);
        }
    }
}
