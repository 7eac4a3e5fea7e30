package org.cityedge.provisioning.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.cityedge.api.provision.TlsStatus;

/**
 * Where the gateway keeps its TLS material and the IOC's key, under the state directory ({@code cityedge.state}):
 * {@code tls/gateway.key} (0600, the key the installed certificate belongs to), {@code tls/gateway.key.pending}
 * (0600, a new key waiting for its certificate), {@code tls/gateway.csr}, {@code tls/gateway.crt},
 * {@code tls/ca.crt}, and {@code trust/ioc.pub}.
 */
public record TlsFiles(Path stateDir) {

    public Path tlsDir() {
        return stateDir.resolve("tls");
    }

    public Path key() {
        return tlsDir().resolve("gateway.key");
    }

    public Path pendingKey() {
        return tlsDir().resolve("gateway.key.pending");
    }

    public Path request() {
        return tlsDir().resolve("gateway.csr");
    }

    public Path certificate() {
        return tlsDir().resolve("gateway.crt");
    }

    public Path ca() {
        return tlsDir().resolve("ca.crt");
    }

    public Path iocKey() {
        return stateDir.resolve("trust").resolve("ioc.pub");
    }

    /** The state of the files, as a technician checks it. */
    public TlsStatus status() {
        X509Certificate certificate = firstCertificate(certificate());
        X509Certificate ca = firstCertificate(ca());
        return new TlsStatus(Files.isRegularFile(key()) || Files.isRegularFile(pendingKey()),
                Files.isRegularFile(pendingKey()),
                certificate == null ? null : certificate.getSubjectX500Principal().getName(),
                certificate == null ? 0 : certificate.getNotAfter().getTime(),
                ca == null ? null : ca.getSubjectX500Principal().getName(),
                Files.isRegularFile(iocKey()));
    }

    /** A file's text, or null when it does not exist. */
    public static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null;
    }

    private static X509Certificate firstCertificate(Path file) {
        try {
            String text = read(file);
            if (text == null) {
                return null;
            }
            List<X509Certificate> all = Pem.certificates(text);
            return all.get(0);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }
}
