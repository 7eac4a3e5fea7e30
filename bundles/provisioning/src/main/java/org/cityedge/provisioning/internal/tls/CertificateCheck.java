package org.cityedge.provisioning.internal.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Whether a certificate may be installed: within its validity period, and chaining to the CA it came with. */
final class CertificateCheck {

    private CertificateCheck() {
    }

    /** Null when the certificate is valid at {@code now}, else why not. */
    static String validity(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return null;
        } catch (CertificateExpiredException e) {
            return "expired on " + certificate.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return "not valid before " + certificate.getNotBefore().toInstant()
                    + " (is the gateway's clock right?)";
        }
    }

    /**
     * Null when the chain (leaf first, then any intermediates) verifies up to one of the CA certificates, every one
     * of which is trusted as the uplink trusts them; else why not. Revocation is not checked (no network here).
     */
    static String chain(List<X509Certificate> chain, List<X509Certificate> caCertificates, Instant now) {
        try {
            Set<TrustAnchor> anchors = new LinkedHashSet<>();
            for (X509Certificate ca : caCertificates) {
                anchors.add(new TrustAnchor(ca, null));
            }
            // The path holds the leaf and intermediates, not the anchors themselves.
            List<X509Certificate> path = chain.stream().filter(c -> !caCertificates.contains(c)).toList();
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return "does not chain to the given CA (" + e.getReason() + ": " + e.getMessage() + ")";
        } catch (GeneralSecurityException e) {
            return "cannot check the chain: " + e.getMessage();
        }
    }
}
