package org.cityedge.control.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.Json;

/**
 * Ed25519 (JDK 17's own {@code Signature.getInstance("Ed25519")}) over the exact bytes of the document. The
 * signature is checked before anything inside the document is read; type, version and the target site and gateway
 * are then taken from the signed bytes, so none of them can be relabelled.
 */
public final class Ed25519Verifier implements DocumentVerifier {

    /** An Ed25519 signature is 64 bytes. */
    private static final int SIGNATURE_BYTES = 64;

    private final List<PublicKey> keys;
    private final Supplier<SiteService> site;

    public Ed25519Verifier(List<PublicKey> keys, Supplier<SiteService> site) {
        this.keys = List.copyOf(keys);
        this.site = site;
    }

    public int keyCount() {
        return keys.size();
    }

    @Override
    public VerifiedDocument verify(String expectedType, String envelopeJson) throws DocumentRefusedException {
        if (keys.isEmpty()) {
            throw new DocumentRefusedException("no-trust-key", "the gateway has no IOC public key configured"
                    + " (org.cityedge.trust publicKeys), so it accepts no signed document");
        }
        Map<String, byte[]> envelope = envelope(envelopeJson);
        byte[] document = envelope.get("document");
        if (!verifies(document, envelope.get("signature"))) {
            throw new DocumentRefusedException("bad-signature", "the signature does not match the document and"
                    + " the IOC's key: the document was changed, or signed by another key");
        }
        JsonNode doc = documentJson(document);
        String type = doc.path("type").asText("");
        if (!type.equals(expectedType)) {
            throw new DocumentRefusedException("wrong-type", "the signed document is of type '" + type
                    + "', this command installs '" + expectedType + "' documents");
        }
        checkTarget(doc);
        return new VerifiedDocument(type, doc.get("version").asLong(), new String(document, StandardCharsets.UTF_8),
                envelopeJson);
    }

    private static Map<String, byte[]> envelope(String envelopeJson) throws DocumentRefusedException {
        JsonNode node;
        try {
            node = envelopeJson == null ? null : Json.MAPPER.readTree(envelopeJson);
        } catch (JsonProcessingException e) {
            throw new DocumentRefusedException("invalid-envelope", "the envelope is not JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DocumentRefusedException("invalid-envelope",
                    "the envelope must be a JSON object {\"document\": BASE64, \"signature\": BASE64}");
        }
        byte[] document = base64(node, "document");
        byte[] signature = base64(node, "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw new DocumentRefusedException("invalid-envelope", "signature: an Ed25519 signature has "
                    + SIGNATURE_BYTES + " bytes, this one " + signature.length);
        }
        return Map.of("document", document, "signature", signature);
    }

    private static byte[] base64(JsonNode envelope, String field) throws DocumentRefusedException {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new DocumentRefusedException("invalid-envelope", field + ": is required, as a base64 string");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new DocumentRefusedException("invalid-envelope", field + ": not base64: " + e.getMessage());
        }
    }

    private boolean verifies(byte[] document, byte[] signature) {
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(document);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature does not verify under this key; try the next
            }
        }
        return false;
    }

    private static JsonNode documentJson(byte[] document) throws DocumentRefusedException {
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(document);
        } catch (java.io.IOException e) {
            throw new DocumentRefusedException("invalid-document", "the signed document is not JSON: "
                    + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new DocumentRefusedException("invalid-document", "the signed document must be a JSON object");
        }
        if (!doc.path("type").isTextual()) {
            throw new DocumentRefusedException("invalid-document", "type: is required, as a string");
        }
        JsonNode version = doc.get("version");
        if (version == null || !version.canConvertToExactIntegral() || !version.canConvertToLong()
                || version.asLong() < 1) {
            throw new DocumentRefusedException("invalid-document", "version: is required, as an integer >= 1");
        }
        return doc;
    }

    private void checkTarget(JsonNode doc) throws DocumentRefusedException {
        boolean hasSite = doc.has("site");
        boolean hasGateway = doc.has("gatewayId");
        if (!hasSite && !hasGateway) {
            return;
        }
        SiteService service = site.get();
        if (service == null) {
            throw new DocumentRefusedException("wrong-target", "the document names its site or gateway, and this"
                    + " gateway's site is not loaded, so it cannot tell whether the document is meant for it");
        }
        Site mine = service.site();
        if (hasSite && !mine.site().equals(doc.path("site").asText())) {
            throw new DocumentRefusedException("wrong-target", "the document is for site '"
                    + doc.path("site").asText() + "', this gateway is in site '" + mine.site() + "'");
        }
        if (hasGateway && !mine.gatewayId().equals(doc.path("gatewayId").asText())) {
            throw new DocumentRefusedException("wrong-target", "the document is for gateway '"
                    + doc.path("gatewayId").asText() + "', this is gateway '" + mine.gatewayId() + "'");
        }
    }
}
