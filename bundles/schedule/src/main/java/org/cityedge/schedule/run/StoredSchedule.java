package org.cityedge.schedule.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule as kept on disk: the signed document's JSON exactly as verified and, when the installer was given
 * it, the signed envelope, so the document can be verified again at start.
 *
 * @param version     the document's version
 * @param document    the document, UTF-8 JSON as signed
 * @param envelope    the signed envelope, or null
 * @param installedAt when it was installed
 */
public record StoredSchedule(long version, String document, String envelope, Instant installedAt) {

    public StoredSchedule {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}
