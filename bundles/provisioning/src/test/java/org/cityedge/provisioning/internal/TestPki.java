package org.cityedge.provisioning.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.cityedge.provisioning.internal.tls.Pem;

/** A city PKI for tests, built with BouncyCastle: CAs and the certificates they issue. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A CA (root or intermediate) with its key. */
    public record Authority(KeyPair keys, X509Certificate certificate) {
        public String pem() {
            return Pem.certificates(java.util.List.of(certificate));
        }
    }

    private TestPki() {
    }

    public static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static Authority root(String name) throws Exception {
        KeyPair keys = ecKeys();
        return new Authority(keys, sign(new X500Principal("CN=" + name), keys.getPublic(),
                new X500Principal("CN=" + name), keys, true, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650))));
    }

    public static Authority intermediate(String name, Authority issuer) throws Exception {
        KeyPair keys = ecKeys();
        return new Authority(keys, sign(new X500Principal("CN=" + name), keys.getPublic(),
                issuer.certificate().getSubjectX500Principal(), issuer.keys(), true,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1825))));
    }

    /** A client certificate for {@code key}, valid between the two instants. */
    public static X509Certificate issue(Authority issuer, PublicKey key, String subject, Instant notBefore,
            Instant notAfter) throws Exception {
        return sign(new X500Principal(subject), key, issuer.certificate().getSubjectX500Principal(), issuer.keys(),
                false, notBefore, notAfter);
    }

    public static X509Certificate issue(Authority issuer, PublicKey key, String subject) throws Exception {
        return issue(issuer, key, subject, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)));
    }

    private static X509Certificate sign(X500Principal subject, PublicKey key, X500Principal issuer, KeyPair issuerKeys,
            boolean ca, Instant notBefore, Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(
                issuer.getEncoded()), BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                Date.from(notAfter), X500Name.getInstance(subject.getEncoded()), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
