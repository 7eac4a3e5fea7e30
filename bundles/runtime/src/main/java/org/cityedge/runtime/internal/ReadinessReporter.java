package org.cityedge.runtime.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line when every enabled component is active or satisfied ({@code cityedge ready: ...}), with the time
 * since the JVM started; after a grace period it names each component that is still waiting and what for. The
 * start-up benchmark and the launcher's demo wait for this line.
 */
@Component(immediate = true)
public class ReadinessReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessReporter.class);
    static final String READY_PREFIX = "cityedge ready:";
    private static final long POLL_MS = 25;
    private static final long GRACE_MS = 30_000;

    @Reference
    private ServiceComponentRuntime scr;

    private BundleContext context;
    private volatile boolean running = true;
    private Thread watcher;

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        watcher = new Thread(this::waitUntilReady, "cityedge-readiness");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        watcher.interrupt();
        watcher.join(1000);
    }

    private void waitUntilReady() {
        long deadline = System.currentTimeMillis() + GRACE_MS;
        try {
            while (running) {
                boolean started = allBundlesStarted(); // before the census, so the census sees every bundle
                ComponentCensus census = census();
                if (started && census.waiting().isEmpty()) {
                    long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    LOG.info("{} components={} bundles={} startup_ms={}", READY_PREFIX, census.ready(),
                            context.getBundles().length, sinceJvmStart);
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    census.waiting().forEach(w -> LOG.warn("component not active after {} s: {}", GRACE_MS / 1000, w));
                    deadline = Long.MAX_VALUE; // name them once; keep watching so a late start is still reported
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The launcher installs and starts bundles after the framework is up, and SCR reads a started bundle's
     * components asynchronously: wait until every bundle is active and every one that declares components has
     * them known to SCR.
     */
    private boolean allBundlesStarted() {
        java.util.Set<Long> known = new java.util.HashSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            known.add(d.bundle.id);
        }
        for (Bundle b : context.getBundles()) {
            var headers = b.getHeaders("");
            if (headers.get(org.osgi.framework.Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (b.getState() != Bundle.ACTIVE || headers.get("Service-Component") != null && !known.contains(b.getBundleId())) {
                return false;
            }
        }
        return true;
    }

    /** Ready components (active or satisfied) and a description of each one that is not. */
    record ComponentCensus(int ready, List<String> waiting) {
    }

    ComponentCensus census() {
        int ready = 0;
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                if (description.defaultEnabled) {
                    waiting.add(description.name + " (not enabled yet)");
                }
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                waiting.add(description.name + " (no configuration; policy " + description.configurationPolicy + ")");
            }
            for (ComponentConfigurationDTO c : configurations) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    ready++;
                } else {
                    waiting.add(describe(description, c));
                }
            }
        }
        return new ComponentCensus(ready, waiting);
    }

    private static String describe(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
        StringBuilder s = new StringBuilder(d.name).append(" state=").append(c.state);
        for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
            s.append(" missing=").append(r.name);
        }
        if (c.failure != null) {
            s.append(" failure=").append(c.failure.lines().findFirst().orElse(""));
        }
        return s.toString();
    }
}
