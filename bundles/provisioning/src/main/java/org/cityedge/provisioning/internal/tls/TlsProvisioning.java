package org.cityedge.provisioning.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.provisioning.internal.files.AtomicFiles;
import org.cityedge.provisioning.internal.files.FileTransaction;
import org.cityedge.provisioning.internal.settings.SettingsStore;
import org.cityedge.provisioning.internal.site.SiteChanges;

/**
 * The gateway's key and certificate for the IOC broker, and the IOC's signing key. The key pair is made on the
 * gateway (EC P-256: the uplink reads EC, RSA and Ed25519 PKCS#8 keys, and P-256 is the smallest key every broker
 * accepts for TLS client authentication) and waits as the pending key until its certificate comes back, so the
 * running uplink keeps its old key and certificate meanwhile.
 */
public final class TlsProvisioning {

    public static final String UPLINK_PID = "org.cityedge.uplink.mqtt";
    public static final String TRUST_PID = "org.cityedge.trust";

    private final TlsFiles files;
    private final SettingsStore settings;
    private final SiteChanges site;
    private final Clock clock;

    public TlsProvisioning(TlsFiles files, SettingsStore settings, SiteChanges site, Clock clock) {
        this.files = files;
        this.settings = settings;
        this.site = site;
        this.clock = clock;
    }

    public TlsStatus status() {
        return files.status();
    }

    /** A new pending key (0600) and its PKCS#10 request. */
    public String createCertificateRequest() {
        if (!site.provisioned()) {
            throw new IllegalStateException("the gateway has no identity yet: set its site and gateway id first");
        }
        Identity identity = site.identity();
        KeyPair keys = newKeyPair();
        String request = CertificateRequests.create(keys, identity.gatewayId(), identity.site());
        try {
            AtomicFiles.write(files.pendingKey(), ascii(PrivateKeys.toPem(keys.getPrivate())), AtomicFiles.SECRET);
            AtomicFiles.write(files.request(), ascii(request), AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the new key in " + files.tlsDir() + ": " + e, e);
        }
        return request;
    }

    /** Checks the certificate against the keys, its validity and the CA, then installs it whole or not at all. */
    public ChangeResult installCertificate(String certificatePem, String caPem) {
        List<X509Certificate> chain;
        List<X509Certificate> cas;
        try {
            chain = Pem.certificates(certificatePem);
        } catch (GeneralSecurityException e) {
            return ChangeResult.refused("certificate", "not a PEM certificate: " + e.getMessage());
        }
        try {
            cas = Pem.certificates(caPem);
        } catch (GeneralSecurityException e) {
            return ChangeResult.refused("ca", "not a PEM CA certificate: " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        PrivateKey pending = readKey(files.pendingKey());
        PrivateKey current = readKey(files.key());
        boolean forPending = pending != null && PrivateKeys.matches(pending, leaf.getPublicKey());
        if (!forPending && (current == null || !PrivateKeys.matches(current, leaf.getPublicKey()))) {
            return ChangeResult.refused("certificate", pending == null && current == null
                    ? "the gateway has no key yet: create a certificate request first"
                    : "belongs to another key: it matches neither the pending request's key nor the installed key");
        }
        String invalid = CertificateCheck.validity(leaf, clock.instant());
        if (invalid != null) {
            return ChangeResult.refused("certificate", invalid);
        }
        String unchained = CertificateCheck.chain(chain, cas, clock.instant());
        if (unchained != null) {
            return ChangeResult.refused("ca", "the certificate " + unchained);
        }
        FileTransaction written = new FileTransaction();
        try {
            written.write(files.certificate(), ascii(Pem.certificates(chain)), AtomicFiles.PUBLIC);
            written.write(files.ca(), ascii(Pem.certificates(cas)), AtomicFiles.PUBLIC);
            if (forPending) {
                written.write(files.key(), Files.readAllBytes(files.pendingKey()), AtomicFiles.SECRET);
                written.delete(files.pendingKey());
                written.delete(files.request());
            }
        } catch (IOException e) {
            written.rollback();
            return ChangeResult.refused("certificate", "cannot write the TLS files: " + e);
        }
        ChangeResult configured = settings.configure(Map.of(UPLINK_PID, Map.of(
                "caFile", absolute(files.ca()), "certFile", absolute(files.certificate()),
                "keyFile", absolute(files.key()))), new SettingsStore.Options(false, true));
        if (!configured.applied()) {
            written.rollback();
            return configured;
        }
        List<String> notes = new ArrayList<>();
        notes.add("certificate for " + leaf.getSubjectX500Principal().getName() + " installed, valid until "
                + leaf.getNotAfter().toInstant() + (forPending ? "; the pending key is now the gateway's key" : ""));
        notes.addAll(configured.notes());
        return ChangeResult.applied(notes);
    }

    /** Installs the IOC's Ed25519 key that signs rule sets and schedules. */
    public ChangeResult setIocPublicKey(String publicKeyPem) {
        byte[] der;
        try {
            der = iocKeyDer(publicKeyPem);
        } catch (GeneralSecurityException e) {
            return ChangeResult.refused("publicKey", e.getMessage());
        }
        FileTransaction written = new FileTransaction();
        try {
            written.write(files.iocKey(), ascii(Pem.encode("PUBLIC KEY", der)), AtomicFiles.PUBLIC);
        } catch (IOException e) {
            written.rollback();
            return ChangeResult.refused("publicKey", "cannot write " + files.iocKey() + ": " + e);
        }
        ChangeResult configured = settings.configure(Map.of(TRUST_PID, Map.of("publicKeyFile",
                absolute(files.iocKey()))), new SettingsStore.Options(false, true));
        if (!configured.applied()) {
            written.rollback();
            return configured;
        }
        List<String> notes = new ArrayList<>(List.of("IOC public key installed: signed rule sets and schedules"
                + " are checked against it"));
        notes.addAll(configured.notes());
        return ChangeResult.applied(notes);
    }

    /** The DER of the one Ed25519 public key a PEM text holds. */
    public static byte[] iocKeyDer(String pem) throws GeneralSecurityException {
        List<byte[]> blocks;
        try {
            blocks = Pem.decode(pem, "PUBLIC KEY");
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("bad base64 in the key: " + e.getMessage());
        }
        if (blocks.size() != 1) {
            throw new GeneralSecurityException("expected one -----BEGIN PUBLIC KEY----- block, found "
                    + blocks.size());
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(blocks.get(0)));
            return key.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo): "
                    + e.getMessage());
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an EC P-256 key: " + e, e);
        }
    }

    private static PrivateKey readKey(java.nio.file.Path file) {
        try {
            String pem = TlsFiles.read(file);
            return pem == null ? null : PrivateKeys.parse(pem);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private static String absolute(java.nio.file.Path file) {
        return file.toAbsolutePath().toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
