package org.cityedge.provisioning.internal.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text: blocks of base64 between BEGIN and END lines, as CAs, OpenSSL and the uplink use them. */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    /** One PEM block, 64 characters a line. */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER of every block of the given type, in order. @throws IllegalArgumentException when base64 is bad */
    public static List<byte[]> decode(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", "")));
            }
        }
        return out;
    }

    /** Every certificate of a PEM text, in order. @throws GeneralSecurityException naming what is wrong */
    public static List<X509Certificate> certificates(String text) throws GeneralSecurityException {
        List<byte[]> blocks;
        try {
            blocks = decode(text, "CERTIFICATE");
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("bad base64 in a CERTIFICATE block: " + e.getMessage());
        }
        if (blocks.isEmpty()) {
            throw new GeneralSecurityException("no -----BEGIN CERTIFICATE----- block");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks) {
            out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return out;
    }

    /** Certificates as PEM, one block each. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(encode("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }
}
