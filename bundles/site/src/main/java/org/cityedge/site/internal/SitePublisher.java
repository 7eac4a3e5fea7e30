package org.cityedge.site.internal;

import org.cityedge.api.site.SiteService;

/** Makes the site service visible to others; the seam between the reload logic and the OSGi registry. */
interface SitePublisher {

    /** Registers the service on the first call, then updates its {@code site.revision} property. */
    void publish(SiteService service, long revision);

    /** Withdraws the service; publishing again registers it anew. */
    void withdraw();
}
