package org.cityedge.control.testing;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.control.VerifiedDocument;

/** A rules or schedule component as the command handler sees it: refuses replays and documents without a body. */
public final class FakePolicyHandler implements PolicyDocumentHandler {

    private final String type;
    private final String bodyField;
    private final List<VerifiedDocument> installed = new ArrayList<>();
    private long active;

    public FakePolicyHandler(String type, String bodyField, long active) {
        this.type = type;
        this.bodyField = bodyField;
        this.active = active;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public synchronized long activeVersion() {
        return active;
    }

    @Override
    public synchronized long install(VerifiedDocument document) throws DocumentRefusedException {
        if (document.version() <= active) {
            throw new DocumentRefusedException("replayed-version", "version " + document.version()
                    + " is not above the running version " + active);
        }
        if (!document.json().contains("\"" + bodyField + "\"")) {
            throw new DocumentRefusedException("invalid-document", bodyField + ": is required");
        }
        installed.add(document);
        active = document.version();
        return active;
    }

    public synchronized List<VerifiedDocument> installed() {
        return List.copyOf(installed);
    }
}
