package org.cityedge.site.internal;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.site.SiteService;

/** A site publisher for tests: records every published revision instead of registering a service. */
final class RecordingPublisher implements SitePublisher {
    final List<Long> revisions = new ArrayList<>();
    volatile SiteService service;
    volatile boolean withdrawn;

    @Override
    public synchronized void publish(SiteService s, long revision) {
        service = s;
        revisions.add(revision);
    }

    @Override
    public void withdraw() {
        withdrawn = true;
    }
}
