package org.cityedge.api.control;

import java.util.Objects;

/**
 * A policy document whose Ed25519 signature by the IOC's key has been checked. Type and version come from inside
 * the signed bytes, so they cannot be relabelled.
 *
 * @param type     e.g. {@code ruleset} or {@code schedule}
 * @param version  only grows; a handler refuses a version not above the one it runs (replay)
 * @param json     the signed document itself, a JSON object
 * @param envelope the signed envelope it came in ({@link DocumentVerifier}'s wire form), so a handler can store it
 *                 and verify it again when it loads it at start; null when there is none
 */
public record VerifiedDocument(String type, long version, String json, String envelope) {

    public VerifiedDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }

    /** A document without its envelope. */
    public VerifiedDocument(String type, long version, String json) {
        this(type, version, json, null);
    }
}
