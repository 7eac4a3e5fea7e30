package org.cityedge.control.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/** The IOC's side: an Ed25519 key pair that signs documents into envelopes. */
public final class Signer {

    private final KeyPair pair;

    public Signer() {
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as provisioned: base64 of its X.509 SubjectPublicKeyInfo. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public byte[] sign(byte[] document) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(document);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {"document": BASE64, "signature": BASE64} of the document's UTF-8 bytes. */
    public String envelope(String documentJson) {
        byte[] doc = documentJson.getBytes(StandardCharsets.UTF_8);
        return envelope(doc, sign(doc));
    }

    public static String envelope(byte[] document, byte[] signature) {
        return "{\"document\":\"" + Base64.getEncoder().encodeToString(document) + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}";
    }
}
