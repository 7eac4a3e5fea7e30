package org.cityedge.runtime.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the OSGi framework when the JVM is asked to exit (SIGTERM from systemd, Ctrl-C). The bnd launcher does not,
 * so without this no component would be deactivated and nothing would be flushed on a normal stop.
 */
@Component(immediate = true)
public class FrameworkShutdownHook {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkShutdownHook.class);
    static final long STOP_TIMEOUT_MS = 20_000;

    private Thread hook;

    @Activate
    void activate(BundleContext context) {
        Framework framework = context.getBundle(0).adapt(Framework.class);
        hook = new Thread(() -> stop(framework), "cityedge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook itself is stopping us: nothing to remove.
        }
    }

    static void stop(Framework framework) {
        LOG.info("cityedge stopping");
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException | InterruptedException e) {
            LOG.warn("framework did not stop cleanly: {}", e.toString());
        }
    }
}
