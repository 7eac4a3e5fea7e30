package org.cityedge.api.control;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a signed policy document against the IOC's public key set at provisioning.
 *
 * <p>Wire form: {@code {"document": BASE64, "signature": BASE64}} where {@code document} is the UTF-8 JSON of the
 * document (with {@code type}, {@code version} and optionally {@code site} / {@code gatewayId} it is meant for) and
 * {@code signature} is the Ed25519 signature of exactly those bytes. Signing raw bytes spares both sides any JSON
 * canonicalization.
 */
@ProviderType
public interface DocumentVerifier {

    /**
     * Verifies the envelope and returns the document. Refuses (code in brackets): no key configured
     * ({@code no-trust-key}), a malformed envelope ({@code invalid-envelope}), a signature that does not verify
     * ({@code bad-signature}), another type than expected ({@code wrong-type}), a document for another site or
     * gateway ({@code wrong-target}).
     */
    VerifiedDocument verify(String expectedType, String envelopeJson) throws DocumentRefusedException;
}
