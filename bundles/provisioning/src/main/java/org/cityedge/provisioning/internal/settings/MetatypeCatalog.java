package org.cityedge.provisioning.internal.settings;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds a PID's description through the Metatype service, looking at every installed bundle. */
public final class MetatypeCatalog implements Definitions {

    private final BundleContext context;
    private final MetaTypeService metatype;

    public MetatypeCatalog(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    @Override
    public Optional<ObjectClassDefinition> find(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            if (Arrays.asList(info.getPids()).contains(pid) || Arrays.asList(info.getFactoryPids()).contains(pid)) {
                return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }
}
