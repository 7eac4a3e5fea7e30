package org.cityedge.uplink.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the openssl CLI: a CA, a broker certificate for 127.0.0.1/localhost and a client
 * certificate, each key as unencrypted PKCS#8 PEM (what the uplink reads).
 */
final class TestPki {

    final Path ca;
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;

    private TestPki(Path dir, String name) {
        ca = dir.resolve(name + "-ca.pem");
        serverCert = dir.resolve(name + "-server.pem");
        serverKey = dir.resolve(name + "-server.key");
        clientCert = dir.resolve(name + "-client.pem");
        clientKey = dir.resolve(name + "-client.key");
    }

    static TestPki create(Path dir, String name) throws IOException, InterruptedException {
        TestPki pki = new TestPki(dir, name);
        Path caKey = dir.resolve(name + "-ca.key");
        Path ext = dir.resolve(name + "-server.ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                caKey.toString(), "-out", pki.ca.toString(), "-days", "2", "-subj", "/CN=" + name + " test CA");
        pki.issue(dir, caKey, "server", "localhost", pki.serverKey, pki.serverCert, ext);
        pki.issue(dir, caKey, "client", "gw-0001", pki.clientKey, pki.clientCert, null);
        return pki;
    }

    /** A new key and client certificate from the same CA, written over the given files (a renewal in place). */
    void renewClient(Path dir, Path key, Path cert) throws IOException, InterruptedException {
        String name = ca.getFileName().toString().replace("-ca.pem", "");
        issue(dir, dir.resolve(name + "-ca.key"), "renewal", "gw-0001", key, cert, null);
    }

    private void issue(Path dir, Path caKey, String what, String cn, Path key, Path cert, Path ext)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(ca.getFileName() + "-" + what + ".csr");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                key.toString(), "-out", csr.toString(), "-subj", "/CN=" + cn);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2"));
        if (ext != null) {
            sign.addAll(List.of("-extfile", ext.toString()));
        }
        openssl(dir, sign.toArray(new String[0]));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
