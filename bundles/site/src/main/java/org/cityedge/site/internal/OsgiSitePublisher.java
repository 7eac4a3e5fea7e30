package org.cityedge.site.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.cityedge.api.site.SiteService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the site service by hand rather than through DS, because DS cannot change a provided service's
 * properties on its own; {@code site.revision} must grow with every reload.
 */
final class OsgiSitePublisher implements SitePublisher {

    private final BundleContext context;
    private ServiceRegistration<SiteService> registration;

    OsgiSitePublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized void publish(SiteService service, long revision) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SiteService.REVISION, revision);
        if (registration == null) {
            registration = context.registerService(SiteService.class, service, properties);
        } else {
            registration.setProperties(properties);
        }
    }

    @Override
    public synchronized void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework unregisters a stopping bundle's services itself.
            }
            registration = null;
        }
    }
}
