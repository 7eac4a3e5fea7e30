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

    /**
     * A dry run of {@link #replace}: checks the text exactly as {@code replace} would against the file and profiles
     * as they are now, and writes nothing, so that an import can check everything before it changes anything.
     *
     * @return the problems that would refuse {@code replace(yamlText)} now; empty when it would be written
     */
    List<ConfigProblem> check(String yamlText);
}
