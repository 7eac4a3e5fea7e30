package org.cityedge.rules.document;

import java.util.List;

/**
 * The devices a rule runs for: exactly one of a profile, a group of the site file, or a list of device ids.
 */
public record Scope(String profile, String group, List<String> devices) {

    public Scope {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
