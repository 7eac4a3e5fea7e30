package org.cityedge.control.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link CommandService} as the gateway's {@link CommandHandler}. Its collaborators are dynamic
 * references: a command that needs one that is missing is answered {@code unavailable}, the rest keep working
 * (status and config need no driver). Immediate, so the journal is opened (and a damaged one replaced) at start.
 */
@Component(service = CommandHandler.class, immediate = true, configurationPid = CommandHandlerComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CommandConfig.class)
public class CommandHandlerComponent implements CommandHandler, ControlServices {

    static final String PID = "org.cityedge.control";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandlerComponent.class);

    private final List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
    private final List<PolicyDocumentHandler> handlers = new CopyOnWriteArrayList<>();
    private final FieldRouter router = new FieldRouter(() -> drivers);
    private volatile SiteService site;
    private volatile PointControl pointControl;
    private volatile DocumentVerifier verifier;
    private volatile DimmingPlan dimmingPlan;
    private volatile Outbox outbox;
    private volatile CommandService service;
    private ExecutorService journalling;

    @Activate
    void activate(BundleContext context, CommandConfig config) {
        String state = context.getProperty(STATE_DIR_PROPERTY);
        Path stateDir = Path.of(state == null || state.isBlank() ? "state" : state);
        Path file = config.journalPath().isBlank() ? stateDir.resolve("control").resolve("commands.db")
                : Path.of(config.journalPath());
        JournalLimits limits = new JournalLimits(config.journalMaxEntries(),
                config.journalMaxAgeHours() * 3600_000L, config.journalMaxBytes());
        CommandJournal journal;
        try {
            journal = SqliteJournal.open(file, limits, System::currentTimeMillis);
        } catch (Exception e) {
            LOG.error("control: cannot open the command journal {} ({}); repeated command ids are recognised only"
                    + " until the next restart", file, e.toString());
            journal = new MemoryJournal(limits.maxEntries());
        }
        OverrideStore overrides = OverrideStore.NONE;
        try { // on its own: a failure here must not discard a working journal
            overrides = SqliteOverrides.open(file, System::currentTimeMillis);
        } catch (Exception e) {
            LOG.error("control: cannot open the override store in {} ({}); IOC overrides are held only until the"
                    + " next restart", file, e.toString());
        }
        journalling = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cityedge-commands");
            t.setDaemon(true);
            return t;
        });
        CommandService started = new CommandService(this, journal, overrides, settings(config),
                System::currentTimeMillis, journalling);
        PointControl control;
        synchronized (this) {
            service = started;
            control = pointControl;
        }
        if (control != null) {
            started.restoreOverrides(control);
        }
    }

    @Modified
    void modified(CommandConfig config) {
        service.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        journalling.shutdown(); // replies being journalled are written before the journal closes
        try {
            journalling.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.close();
    }

    private static CommandSettings settings(CommandConfig c) {
        return new CommandSettings(c.defaultOverrideSeconds() * 1000, c.deviceTimeoutSeconds() * 1000L);
    }

    @Override
    public CompletionStage<String> handle(byte[] payload, long receivedAt) {
        return service.handle(payload, receivedAt);
    }

    @Override
    public SiteService site() {
        return site;
    }

    @Override
    public PointControl pointControl() {
        return pointControl;
    }

    @Override
    public FieldRouter fields() {
        return router;
    }

    @Override
    public DocumentVerifier verifier() {
        return verifier;
    }

    @Override
    public List<PolicyDocumentHandler> policyHandlers() {
        return handlers;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public DimmingPlan dimmingPlan() {
        return dimmingPlan;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDimmingPlan(DimmingPlan plan) {
        dimmingPlan = plan;
    }

    void unbindDimmingPlan(DimmingPlan plan) {
        if (dimmingPlan == plan) {
            dimmingPlan = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFieldDevices(FieldDevices driver) {
        drivers.add(driver);
    }

    void removeFieldDevices(FieldDevices driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicyDocumentHandler(PolicyDocumentHandler handler) {
        handlers.add(handler);
    }

    void removePolicyDocumentHandler(PolicyDocumentHandler handler) {
        handlers.remove(handler);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service) {
        site = service;
    }

    void updatedSiteService(SiteService service) {
        site = service;
    }

    void unbindSiteService(SiteService service) {
        if (site == service) {
            site = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPointControl(PointControl control) {
        CommandService started;
        synchronized (this) {
            pointControl = control;
            started = service;
        }
        if (started != null) { // bound after activation: the overrides kept from before wait for it
            started.restoreOverrides(control);
        }
    }

    void unbindPointControl(PointControl service) {
        if (pointControl == service) {
            pointControl = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDocumentVerifier(DocumentVerifier service) {
        verifier = service;
    }

    void unbindDocumentVerifier(DocumentVerifier service) {
        if (verifier == service) {
            verifier = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(Outbox service) {
        outbox = service;
    }

    void unbindOutbox(Outbox service) {
        if (outbox == service) {
            outbox = null;
        }
    }
}
