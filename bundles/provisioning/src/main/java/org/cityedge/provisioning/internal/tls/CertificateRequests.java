package org.cityedge.provisioning.internal.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * PKCS#10 certificate requests (RFC 2986), the one place BouncyCastle is used: the JDK has no public API for them.
 * Only BouncyCastle's core DER classes are used (the subject and key come DER-encoded from the JDK, signing is the
 * JDK's): its {@code asn1.x509}/{@code pkcs} classes would pull in its digests, engines and curve tables (2 MB
 * embedded instead of a few hundred kB). Only this class names BouncyCastle types, only in its method bodies, so
 * nothing of BouncyCastle loads before a request is made.
 */
final class CertificateRequests {

    private CertificateRequests() {
    }

    /** A request for CN=gatewayId, O=site, signed with the new key, as PEM. */
    static String create(KeyPair keys, String gatewayId, String site) {
        X500Principal subject = new X500Principal("CN=" + rdnValue(gatewayId) + ", O=" + rdnValue(site));
        try {
            // CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo, attributes [0] {} }
            DERSequence info = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(0),
                ASN1Primitive.fromByteArray(subject.getEncoded()),
                ASN1Primitive.fromByteArray(keys.getPublic().getEncoded()),
                new DERTaggedObject(false, 0, new DERSet())});
            String algorithm = PrivateKeys.signatureAlgorithm(keys.getPrivate());
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(keys.getPrivate());
            signer.update(info.getEncoded("DER"));
            DERSequence request = new DERSequence(new ASN1Encodable[] {
                info, algorithmIdentifier(algorithm), new DERBitString(signer.sign())});
            return Pem.encode("CERTIFICATE REQUEST", request.getEncoded("DER"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate request: " + e, e);
        }
    }

    /** AlgorithmIdentifier of the signatures the gateway's keys make (RFC 5758, RFC 4055, RFC 8410). */
    private static DERSequence algorithmIdentifier(String algorithm) {
        return switch (algorithm) {
            case "SHA256withECDSA" -> new DERSequence(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
            case "SHA256withRSA" -> new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.2.840.113549.1.1.11"), DERNull.INSTANCE});
            case "Ed25519" -> new DERSequence(new ASN1ObjectIdentifier("1.3.101.112"));
            default -> throw new IllegalArgumentException("no request signature for " + algorithm);
        };
    }

    /** Escapes the characters RFC 2253 gives a meaning in a name. */
    private static String rdnValue(String value) {
        return value.replaceAll("([,+\"\\\\<>;=#])", "\\\\$1");
    }
}
