package org.cityedge.api.control;

import java.util.Objects;

/**
 * A policy document whose Ed25519 signature by the IOC's key has been checked. Type and version come from inside
 * the signed bytes, so they cannot be relabelled.
 *
 * @param type    e.g. {@code ruleset} or {@code schedule}
 * @param version only grows; a handler refuses a version not above the one it runs (replay)
 * @param json    the signed document itself, a JSON object
 */
public record VerifiedDocument(String type, long version, String json) {

    public VerifiedDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }
}
