package org.cityedge.control.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the IOC's Ed25519 public keys as provisioned: each the base64 of the X.509 SubjectPublicKeyInfo (what
 * {@code openssl pkey -pubout -outform DER | base64} gives), or the PEM text of it ({@code -----BEGIN PUBLIC
 * KEY-----}). Several keys are allowed so that the IOC can rotate its key: a document signed by any of them passes.
 */
public final class TrustKeys {

    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    private TrustKeys() {
    }

    /** One key. @throws IllegalArgumentException naming what is wrong */
    public static PublicKey parse(String text) {
        String body = text.strip();
        if (body.startsWith(PEM_BEGIN)) {
            int end = body.indexOf(PEM_END);
            if (end < 0) {
                throw new IllegalArgumentException("PEM public key without " + PEM_END);
            }
            body = body.substring(PEM_BEGIN.length(), end);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage());
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo): "
                    + e.getMessage());
        }
    }

    /** Every key of a configuration; a value may hold several PEM blocks. Bad entries are reported, not thrown. */
    public static List<PublicKey> parseAll(List<String> values, List<String> problems) {
        List<PublicKey> keys = new ArrayList<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            for (String one : split(value)) {
                try {
                    keys.add(parse(one));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return keys;
    }

    private static List<String> split(String value) {
        if (!value.contains(PEM_BEGIN)) {
            return List.of(value);
        }
        List<String> blocks = new ArrayList<>();
        int from = value.indexOf(PEM_BEGIN);
        while (from >= 0) {
            int end = value.indexOf(PEM_END, from);
            int stop = end < 0 ? value.length() : end + PEM_END.length();
            blocks.add(value.substring(from, stop));
            from = value.indexOf(PEM_BEGIN, stop);
        }
        return blocks;
    }
}
