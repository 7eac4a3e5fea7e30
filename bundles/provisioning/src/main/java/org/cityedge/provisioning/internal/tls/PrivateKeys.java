package org.cityedge.provisioning.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/** The gateway's private key as the uplink reads it: unencrypted PKCS#8 PEM, EC, RSA or Ed25519. */
public final class PrivateKeys {

    private static final String TYPE = "PRIVATE KEY";

    private PrivateKeys() {
    }

    public static String toPem(PrivateKey key) {
        return Pem.encode(TYPE, key.getEncoded());
    }

    /** @throws GeneralSecurityException when the text holds no PKCS#8 key of a known algorithm */
    public static PrivateKey parse(String pem) throws GeneralSecurityException {
        List<byte[]> blocks;
        try {
            blocks = Pem.decode(pem, TYPE);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("bad base64 in the key: " + e.getMessage());
        }
        if (blocks.isEmpty()) {
            throw new GeneralSecurityException("no -----BEGIN PRIVATE KEY----- block (unencrypted PKCS#8)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.get(0));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("not an EC, RSA or Ed25519 private key");
    }

    /**
     * True when the public key belongs to the private key: a random challenge signed with one verifies with the
     * other. Works for every algorithm without deriving the public key from the private one.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = signatureAlgorithm(privateKey);
        if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signature algorithm a CSR or a challenge uses with this key. */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }

}
