package org.cityedge.rules.store;

import java.util.Objects;

/**
 * A rule set as kept on disk.
 *
 * @param version     the document's version
 * @param installedAt when it was installed, epoch ms
 * @param document    the signed document, exactly as verified
 * @param envelope    the signed envelope it came in ({"document", "signature"}), or null when not known
 */
public record StoredRuleSet(long version, long installedAt, String document, String envelope) {

    public StoredRuleSet {
        Objects.requireNonNull(document, "document");
    }
}
