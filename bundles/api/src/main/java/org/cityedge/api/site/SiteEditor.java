package org.cityedge.api.site;

import java.util.List;
import java.util.function.UnaryOperator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes the site file on behalf of the provisioning tools. Every change is checked exactly as a load would check
 * it (schema, profiles, buses, unit ids); only a change without problems is written, atomically, and becomes the
 * current site at once. A refused change leaves the file and the running site as they were.
 */
@ProviderType
public interface SiteEditor {

    /** The site file as it is on disk (what an export carries), or an empty string when there is none. */
    String text();

    /**
     * Applies an edit to the current site as written in the file (devices with broken profiles included).
     *
     * @return the problems that refused the change, naming the field; empty when it was written and loaded
     */
    List<ConfigProblem> apply(UnaryOperator<Site> edit);

    /** Replaces the whole file with the given YAML text (an import), under the same checks. */
    List<ConfigProblem> replace(String yamlText);
}
