package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The IOC's side of the TLS material, made with the openssl command line as an IOC operator would: CAs, a broker
 * certificate, signing the gateway's request, signing keys. Every file lands in one directory.
 */
final class OpenSsl {

    private static final long LIMIT_S = 60;

    private final Path dir;

    OpenSsl(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A self-signed CA (EC P-256, two days): {@code name.key} and {@code name.crt}; returns the certificate. */
    Path ca(String name, String subject) {
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", file(name + ".key").toString(), "-out", file(name + ".crt").toString());
        return file(name + ".crt");
    }

    /** A server certificate for 127.0.0.1 signed by {@code ca}: {@code name.key} and {@code name.crt}. */
    Path serverCertificate(String ca, String name) {
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", file(name + ".key").toString(), "-out", file(name + ".csr").toString());
        write(name + ".ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        return sign(ca, file(name + ".csr"), name, name + ".ext");
    }

    /** Signs a certificate request with {@code ca} as a client certificate: {@code name.crt}. */
    Path signClient(String ca, Path request, String name) {
        write(name + ".ext", "extendedKeyUsage=clientAuth\n");
        return sign(ca, request, name, name + ".ext");
    }

    /** An Ed25519 key pair; returns the public key (PEM {@code PUBLIC KEY}). */
    Path ed25519PublicKey(String name) {
        run("genpkey", "-algorithm", "ed25519", "-out", file(name + ".key").toString());
        run("pkey", "-in", file(name + ".key").toString(), "-pubout", "-out", file(name + ".pub").toString());
        return file(name + ".pub");
    }

    /** An RSA key pair; returns the public key (PEM {@code PUBLIC KEY}). */
    Path rsaPublicKey(String name) {
        run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file(name + ".key").toString());
        run("pkey", "-in", file(name + ".key").toString(), "-pubout", "-out", file(name + ".pub").toString());
        return file(name + ".pub");
    }

    private Path sign(String ca, Path request, String name, String extensions) {
        run("x509", "-req", "-in", request.toString(), "-CA", file(ca + ".crt").toString(),
                "-CAkey", file(ca + ".key").toString(), "-CAcreateserial", "-days", "2", "-sha256",
                "-extfile", file(extensions).toString(), "-out", file(name + ".crt").toString());
        return file(name + ".crt");
    }

    private void write(String name, String text) {
        try {
            Files.writeString(file(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = file("openssl.log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl did not finish in " + LIMIT_S + " s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed (" + p.exitValue() + "): " + command + "\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
