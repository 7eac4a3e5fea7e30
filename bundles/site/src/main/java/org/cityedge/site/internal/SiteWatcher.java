package org.cityedge.site.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the files' modification times on one daemon thread. Polling, not a WatchService, because it also sees
 * files on network mounts and edits through a rename, and a few stat calls every few seconds cost nothing.
 */
final class SiteWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteWatcher.class);

    private final ScheduledExecutorService executor;

    SiteWatcher(SiteReloader reloader, int intervalSeconds) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cityedge-site-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> poll(reloader), intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private static void poll(SiteReloader reloader) {
        try {
            reloader.reloadIfChanged();
        } catch (RuntimeException e) {
            // A failed poll must not end the schedule (an uncaught exception would cancel it).
            LOG.error("site: reload failed, keeping the current site", e);
        }
    }

    /** Stops polling and waits briefly for a reload in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("site: watcher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
