package org.cityedge.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * The IOC's signing key: an Ed25519 key pair made for the test, its public half written as PEM for the gateway's
 * {@code org.cityedge.trust publicKeyFile}, and envelopes {@code {"document": B64, "signature": B64}} signed with
 * it (or with any other key, to be refused).
 */
final class SignedDocuments {

    private final KeyPair keys;

    private SignedDocuments(KeyPair keys) {
        this.keys = keys;
    }

    static SignedDocuments newKey() throws GeneralSecurityException {
        return new SignedDocuments(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    }

    /** Writes the public key as PEM and returns the file. */
    Path writePublicKey(Path file) throws java.io.IOException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.createDirectories(file.getParent());
        return Files.writeString(file, pem);
    }

    /** The envelope JSON object of a document signed with this key. */
    String envelope(String documentJson) throws GeneralSecurityException {
        byte[] document = documentJson.getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(document);
        return "{\"document\":\"" + Base64.getEncoder().encodeToString(document) + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(s.sign()) + "\"}";
    }

    /** An envelope whose document was changed after signing (a man in the middle raising a level). */
    String tampered(String documentJson, String changedJson) throws GeneralSecurityException {
        String good = envelope(documentJson);
        String signature = good.substring(good.indexOf("\"signature\""));
        return "{\"document\":\"" + Base64.getEncoder().encodeToString(changedJson.getBytes(StandardCharsets.UTF_8))
                + "\"," + signature;
    }
}
