package org.cityedge.api.control;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a bundle that runs one type of signed policy document (rule sets, schedules) registers one of these.
 * The command handler verifies documents and hands them here; the handler validates, stores durably and swaps the
 * running version atomically, or refuses and keeps the running one.
 */
@ConsumerType
public interface PolicyDocumentHandler {

    /** The document type handled, e.g. {@code ruleset}. */
    String type();

    /** The version running now; 0 when none was ever installed. */
    long activeVersion();

    /**
     * Validates and activates a verified document. Refuses ({@code replayed-version} for a version not above the
     * active one, {@code invalid-document} with the offending field named) and keeps the running version.
     *
     * @return the version now active
     */
    long install(VerifiedDocument document) throws DocumentRefusedException;
}
