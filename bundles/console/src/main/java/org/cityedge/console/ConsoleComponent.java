package org.cityedge.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.UplinkMonitor;
import org.cityedge.console.api.ConsoleApi;
import org.cityedge.console.api.GatewayServices;
import org.cityedge.console.http.Refusals;
import org.cityedge.console.http.StaticServlet;
import org.cityedge.console.live.LampTester;
import org.cityedge.console.live.ReadingHistory;
import org.cityedge.console.live.ScanRegistry;
import org.cityedge.console.net.ConsoleUrlFile;
import org.cityedge.console.net.HttpBinding;
import org.cityedge.console.net.InterfaceAddresses;
import org.cityedge.console.security.CliToken;
import org.cityedge.console.http.ActivityServlet;
import org.cityedge.console.net.ListenDemand;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.PasswordHasher;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
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
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;

/**
 * The console as a DS component: registers the API servlet ({@code /api/*}) and the pages ({@code /}) on the
 * servlet whiteboard, tells Felix HTTP where to listen (and to stop when the component stops), writes the CLI token
 * and the console's URL for the CLI, and keeps the readings it hears as a {@link SampleSink}. Every gateway service
 * it uses is optional and dynamic, so a service restarting (the site service does at every reload) never restarts
 * the console nor logs anybody out.
 */
@Component(service = SampleSink.class, immediate = true, configurationPid = ConsoleComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConsoleConfig.class)
@RequireHttpWhiteboard
public class ConsoleComponent implements SampleSink {

    static final String PID = "org.cityedge.console";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    /** The cabinet door switch's point (profile cityedge-cabinet-io): a technician opening it wakes the console. */
    static final String DOOR_POINT = "doorOpen";
    /** How long deactivation waits for a running listening check. */
    static final long DEMAND_STOP_WAIT_S = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleComponent.class);

    private final GatewayServices services = new GatewayServices();
    private final ReadingHistory history = new ReadingHistory(System::currentTimeMillis);
    private final SecureRandom random = new SecureRandom();
    private final ConsoleSecurity security = new ConsoleSecurity(System::currentTimeMillis, random,
            new PasswordHasher(random));
    private final Refusals refusals = new Refusals();
    private final HttpBinding binding;

    @Reference
    private ConfigurationAdmin configAdmin;

    private BundleContext context;
    private CliToken token;
    private ConsoleUrlFile urlFile;
    private ConsoleConfig config;
    // set under the lock at deactivation: a door sample or a listening check arriving afterwards binds nothing
    private volatile boolean deactivated;
    private ListenDemand demand;
    private ScheduledExecutorService demandChecks;
    private List<ServiceRegistration<Servlet>> servlets = List.of();

    public ConsoleComponent() {
        this(InterfaceAddresses.SYSTEM);
    }

    ConsoleComponent(InterfaceAddresses addresses) {
        this.binding = new HttpBinding(addresses);
    }

    @Activate
    void activate(BundleContext ctx, ConsoleConfig config) {
        context = ctx;
        Path state = stateDir(ctx);
        token = writeToken(state);
        security.cliToken(token);
        urlFile = new ConsoleUrlFile(state.resolve("console"));
        demand = new ListenDemand(System::currentTimeMillis, state.resolve("console").resolve("wake"), this::rebind);
        demandChecks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cityedge-console-demand");
            t.setDaemon(true);
            return t;
        });
        demandChecks.scheduleWithFixedDelay(this::checkDemand, 2, 2, TimeUnit.SECONDS);
        apply(config);
    }

    @Modified
    void modified(ConsoleConfig config) {
        apply(config);
    }

    /** Stops listening for good: Felix HTTP is told to stop, and nothing after this binds it again. */
    @Deactivate
    void deactivate() {
        synchronized (this) {
            deactivated = true;
        }
        // outside the lock: a check under way may be waiting for it (rebind), and returns at once now
        demandChecks.shutdownNow();
        try {
            if (!demandChecks.awaitTermination(DEMAND_STOP_WAIT_S, TimeUnit.SECONDS)) {
                LOG.warn("console: the listening check did not stop within {} s", DEMAND_STOP_WAIT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            unregister();
            bind(HttpBinding.off(config == null ? 8080 : config.port()));
            urlFile.delete();
            if (token != null) {
                token.delete();
            }
            security.cliToken(null);
        }
    }

    private synchronized void apply(ConsoleConfig config) {
        if (deactivated) {
            return;
        }
        this.config = config;
        security.configure(config.passwordHash(), config.sessionMinutes(), config.maxFailures(),
                config.lockoutMinutes());
        demand.configure(!"on-demand".equals(config.listen()), config.idleMinutes());
        if (config.enabled()) {
            register();
        } else {
            unregister();
        }
        rebind();
        if (!security.passwordSet()) {
            LOG.info("console: no password set yet: run cityedge provision console password on the gateway");
        }
    }

    /**
     * Tells Felix HTTP where to listen, or to stop: enabled, and listening always or on demand right now. The URL
     * file says where it listens or will listen when woken.
     */
    private synchronized void rebind() {
        if (config == null || deactivated) {
            return;
        }
        HttpBinding.Binding configured = binding.resolve(config.enabled(), config.interface$(), config.port());
        bind(configured.enabled() && demand.listening() ? configured : HttpBinding.off(config.port()));
        urlFile.update(configured);
    }

    private void bind(HttpBinding.Binding where) {
        try {
            binding.apply(configAdmin, where);
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: could not configure Felix HTTP ({}): {}", HttpBinding.FELIX_PID, e.toString());
        }
    }

    void checkDemand() {
        if (deactivated) {
            return;
        }
        try {
            demand.check();
        } catch (RuntimeException e) {
            LOG.warn("console: listening check failed: {}", e.toString());
        }
    }

    private void register() {
        if (!servlets.isEmpty()) {
            return;
        }
        LampTester tester = new LampTester(System::currentTimeMillis, Thread::sleep);
        ScanRegistry scans = new ScanRegistry(System::currentTimeMillis, random);
        Servlet api = ConsoleApi.servlet(services, security, history, scans, tester, refusals);
        servlets = List.of(
                context.registerService(Servlet.class, new ActivityServlet(api, demand::touch),
                        whiteboard("cityedge-console-api", "/api/*")),
                context.registerService(Servlet.class, new ActivityServlet(new StaticServlet(refusals), demand::touch),
                        whiteboard("cityedge-console-pages", "/")));
    }

    private void unregister() {
        for (ServiceRegistration<Servlet> r : servlets) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        servlets = List.of();
    }

    private static Hashtable<String, Object> whiteboard(String name, String pattern) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        return p;
    }

    static Path stateDir(BundleContext ctx) {
        String state = ctx.getProperty(STATE_DIR_PROPERTY);
        if (state != null && !state.isBlank()) {
            return Path.of(state.strip());
        }
        try {
            Path tmp = Files.createTempDirectory("cityedge-state-");
            LOG.warn("console: no state directory ({} not set): the CLI token goes to {}", STATE_DIR_PROPERTY, tmp);
            return tmp;
        } catch (IOException e) {
            throw new IllegalStateException("no state directory and no temporary one", e);
        }
    }

    private CliToken writeToken(Path stateDir) {
        try {
            CliToken t = CliToken.create(stateDir, random);
            LOG.info("console: CLI token written to {}", t.file());
            return t;
        } catch (IOException e) {
            LOG.warn("console: could not write the CLI token under {} ({}): the CLI cannot use the API", stateDir,
                    e.toString());
            return null;
        }
    }

    @Override
    public void accept(List<Sample> samples) {
        history.accept(samples);
        ListenDemand d = demand;
        if (d != null && !d.always() && !deactivated) {
            for (Sample s : samples) {
                if (DOOR_POINT.equals(s.point()) && isTrue(s.value())) {
                    d.wake("the door of " + s.deviceId() + " opened");
                    break;
                }
            }
        }
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof Number n && n.doubleValue() != 0;
    }

    // --- gateway services, all optional and dynamic ---

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvisioning(Provisioning p) {
        services.provisioning(p);
    }

    void unbindProvisioning(Provisioning p) {
        services.unsetProvisioning(p);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService s, Map<String, Object> properties) {
        services.siteService(s);
        try {
            history.retainDevices(s.site().devices().stream().map(DeviceDefinition::id).collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            LOG.warn("console: the site service failed: {}", e.toString());
        }
    }

    void updatedSiteService(SiteService s, Map<String, Object> properties) {
        bindSiteService(s, properties);
    }

    void unbindSiteService(SiteService s) {
        services.unsetSiteService(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPointControl(PointControl c) {
        services.pointControl(c);
    }

    void unbindPointControl(PointControl c) {
        services.unsetPointControl(c);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplinkMonitor(UplinkMonitor u) {
        services.uplinkMonitor(u);
    }

    void unbindUplinkMonitor(UplinkMonitor u) {
        services.unsetUplinkMonitor(u);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(Outbox o) {
        services.outbox(o);
    }

    void unbindOutbox(Outbox o) {
        services.unsetOutbox(o);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addScanner(BusScanner s) {
        services.scanners().add(s);
    }

    void removeScanner(BusScanner s) {
        services.scanners().remove(s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(FieldDevices d) {
        services.drivers().add(d);
    }

    void removeDriver(FieldDevices d) {
        services.drivers().remove(d);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(PolicyDocumentHandler h) {
        services.policies().add(h);
    }

    void removePolicy(PolicyDocumentHandler h) {
        services.policies().remove(h);
    }
}
