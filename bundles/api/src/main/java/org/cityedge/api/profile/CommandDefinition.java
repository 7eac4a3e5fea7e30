package org.cityedge.api.profile;

import java.util.List;

/**
 * A device command built from writable points, e.g. {@code dim(level)} writes {@code dimLevel}.
 *
 * @param name        command name used by the IOC and the console
 * @param description what it does, for people
 * @param writes      the writes it performs, in order
 */
public record CommandDefinition(String name, String description, List<Write> writes) {

    public CommandDefinition {
        writes = List.copyOf(writes);
    }

    /**
     * One write: the value comes from the named command parameter, or is the constant when no parameter is named.
     */
    public record Write(String point, String param, Double constant) {
    }
}
