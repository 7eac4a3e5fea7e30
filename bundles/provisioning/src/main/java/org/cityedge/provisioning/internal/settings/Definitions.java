package org.cityedge.provisioning.internal.settings;

import java.util.Optional;

import org.osgi.service.metatype.ObjectClassDefinition;

/** Where a PID's Metatype description comes from (every installed bundle, or a fixed set in tests). */
@FunctionalInterface
public interface Definitions {

    /** The description of a PID or factory PID, when some bundle has one. */
    Optional<ObjectClassDefinition> find(String pid);
}
