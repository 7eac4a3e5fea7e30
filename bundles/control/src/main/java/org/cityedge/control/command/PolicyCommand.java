package org.cityedge.control.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.control.Json;

/**
 * push-rules and set-schedule: the envelope is verified (signature by the IOC's key, type, target) and handed to the
 * {@link PolicyDocumentHandler} of its type, which validates, stores and activates it or refuses and keeps the
 * running version. Refusals are thrown with the verifier's or handler's code.
 */
final class PolicyCommand {

    private PolicyCommand() {
    }

    /** Installs the document; returns the reply's {@code data}: type, the version now active, the one before. */
    static ObjectNode install(ControlServices s, CommandRequest req) throws CommandRefused {
        String type = req.action().documentType;
        DocumentVerifier verifier = s.verifier();
        if (verifier == null) {
            throw new CommandRefused("unavailable", "the gateway's trust component is not running, so no signed"
                    + " document can be checked; nothing was installed");
        }
        VerifiedDocument document;
        try {
            document = verifier.verify(type, Json.text((ObjectNode) req.envelope()));
        } catch (DocumentRefusedException e) {
            throw new CommandRefused(e.code(), e.getMessage(), "/envelope");
        }
        PolicyDocumentHandler handler = handler(s, type);
        long previous = handler.activeVersion();
        long active;
        try {
            active = handler.install(document);
        } catch (DocumentRefusedException e) {
            throw new CommandRefused(e.code(), e.getMessage(), "/envelope");
        } catch (RuntimeException e) {
            throw new CommandRefused("invalid-document", "the " + type + " component failed on the document and"
                    + " keeps version " + previous + ": " + e, "/envelope");
        }
        ObjectNode data = Json.object();
        data.put("type", type);
        data.put("version", active);
        data.put("previousVersion", previous);
        return data;
    }

    private static PolicyDocumentHandler handler(ControlServices s, String type) throws CommandRefused {
        for (PolicyDocumentHandler h : s.policyHandlers()) {
            if (type.equals(h.type())) {
                return h;
            }
        }
        throw new CommandRefused("no-handler", "no component for " + type + " documents runs on this gateway;"
                + " nothing was installed");
    }

    /** True for the actions that carry a signed document. */
    static boolean carriesDocument(JsonNode request) {
        String action = request.path("action").asText("");
        return action.equals(Action.PUSH_RULES.wire) || action.equals(Action.SET_SCHEDULE.wire);
    }
}
